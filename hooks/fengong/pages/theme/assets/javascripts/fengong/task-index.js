/*
 * fengong: search and filters on the task index (/tasks/), and the unit finder on /units/.
 *
 * Both run on the header search's own engine (search-core.js, the same tokeniser and ranking)
 * over the same index (search/fengong-index.json and the files it names), loaded into the page
 * when one of these two pages is shown. The filters read search/fengong/tasks.json (each
 * current task's part, clause, units, tags, whether it is dated, and its status) and unit names come from
 * search/fengong/units.json (both written by hooks/fengong/pages/search.py); the documents a view
 * shows are loaded with them, by block, only once a query or a filter asks for them.
 *
 * The task index keeps its state in the URL, so a view can be bookmarked and shared:
 *   tasks/?q=失业保险&unit=renshe&role=lead&part=1&clause=2&tag=graduates&status=behind&dated=1
 * (status: a task's current status, 落实情况: done, on-track, behind, not-started or none)
 * Without JavaScript the page stays the plain grouped list it is built as.
 *
 * In a library of notices the one index holds every notice's tasks, and tasks.json names
 * each task's notice: a notice's own tasks/ is fixed to its notice (the box's data-notice),
 * and the library's tasks/ has the notice facet (?notice=<slug>), whose part and clause
 * choices are the chosen notice's (search/fengong/n<i>.json); a unit chosen there stands
 * for the units it replaced too (its option's data-also), as its page does.
 *
 * Everything taken from the data is set as text (textContent); the engine's highlighted
 * teasers are rebuilt from their text and <mark>s only.
 */
;(function () {
  "use strict"

  const SCRIPT = document.currentScript.src // .../assets/javascripts/fengong/task-index.js
  const SITE = new URL("../../../", SCRIPT) // the site's root, where the index's locations start
  const PARAMS = ["q", "notice", "unit", "role", "part", "clause", "tag", "status", "dated"] // the URL's order
  const SNIPPET_CHARS = 120 // the engine cuts its teasers to the same length
  // Results shown at once (the box's data-page-size may say otherwise): a filter over a
  // library of many notices can match thousands of tasks, and each page of results loads
  // only its own documents.
  const PAGE_SIZE = 100

  let loading = null // Promise of the Engine, shared by every page of the visit
  const loaded = new WeakMap() // engine → Promise of the facets (tasks.json, units.json)

  /** The header search's engine, with lunr.js and search-core.js loaded on first use. */
  function engine() {
    if (!loading) {
      loading = script("lunr.min.js")
        .then(() => script("search-core.js"))
        .then(() => window.fengong.open(new URL("search/", SITE)))
      loading.catch(() => (loading = null)) // try again on the next page
    }
    return loading
  }

  function script(name) {
    return new Promise((resolve, reject) => {
      const el = document.createElement("script")
      el.src = new URL(name, SCRIPT).href
      el.onload = resolve
      el.onerror = () => reject(new Error(`cannot load ${el.src}`))
      document.head.appendChild(el) // not in the content: instant navigation would re-run it
    })
  }

  /** An element with a class and text. */
  function el(tag, className, text) {
    const node = document.createElement(tag)
    if (className) node.className = className
    if (text != null) node.textContent = text
    return node
  }

  /** The last path segment of a location: units/renshe/ → renshe, tasks/23/ → 23. */
  function slug(location) {
    return new URL(location, SITE).pathname.split("/").filter(Boolean).pop() || ""
  }

  // --- The task index ---------------------------------------------------------------------

  function taskIndex(box) {
    const form = box.querySelector("form")
    const count = box.querySelector(".fg-task-count")
    const results = box.querySelector(".fg-task-results")
    const list = document.querySelector(".fg-task-list")
    const fixed = box.dataset.notice // a notice's own tasks/ in a library
    const start = new URLSearchParams(location.search)
    box.hidden = false
    fill(form, start)
    // The filters fold on a phone, where open they fill the first screen and push the results
    // below it; open on a wider screen, or when the address sets one.
    const filterBox = form.querySelector(".fg-task-filter-box")
    if (filterBox && (matchMedia("(min-width: 45em)").matches || [...start.keys()].some(k => k !== "q")))
      filterBox.open = true
    keepHeaderSearchShut(form)
    count.textContent = "正在载入搜索索引…"
    form.addEventListener("submit", event => event.preventDefault())
    let shown = 0 // the latest view asked for; an older one still loading is dropped
    engine().then(
      search => {
        const update = async wanted => {
          if (!box.isConnected) return // a page instant navigation has replaced
          await choices(form, search, wanted)
          narrow(form)
          const state = read(form)
          remember(state)
          sayFilters(form, state)
          return show(state)
        }
        const show = async state => {
          const view = ++shown
          const active = Object.keys(state).length > 0 // role comes only with a unit
          if (!active) {
            box.removeAttribute("aria-busy")
            list.hidden = false
            results.hidden = true
            results.replaceChildren()
            count.textContent = `共 ${box.dataset.total || search.byTask.size} 项任务`
            return
          }
          box.setAttribute("aria-busy", "true")
          const current = () => view === shown && box.isConnected
          let found
          try {
            found = await matches(search, fixed ? { ...state, notice: fixed } : state)
            if (!current()) return
            results.replaceChildren()
            await showFrom(search, box, found, 0, state.ids, current)
          } catch (error) {
            if (view !== shown) return
            box.removeAttribute("aria-busy")
            console.error("fengong task index: search failed", error)
            count.textContent = "搜索暂时不可用，下面是全部任务。"
            list.hidden = false
            results.hidden = true
            return
          }
          if (!current()) return
          box.removeAttribute("aria-busy")
          list.hidden = true
          results.hidden = false
          count.textContent = found.length
            ? `找到 ${found.length} 项任务`
            : `没有找到符合条件的任务。${emptyHint(form, state)}`
        }
        form.addEventListener("input", () => update())
        form.addEventListener("reset", () => setTimeout(update)) // after the fields reset
        update(start).then(() => (box.dataset.ready = ""))
      },
      error => {
        console.error("fengong task index: cannot load the search index", error)
        form.hidden = true
        count.textContent = "搜索暂时不可用，下面是全部任务。"
      }
    )
  }

  /** The current tasks' facets and the units, loaded once per engine: {tasks, byRef, units}. */
  function facets(search) {
    if (!loaded.has(search)) {
      const facets = Promise.all([search.file("tasks.json"), search.file("units.json")]).then(
        ([tasks, units]) => {
          const ids = units.units.map(([id]) => id)
          const notices = tasks.notices || [] // a library's; its tasks name theirs last
          const list = tasks.tasks.map(
            ([ref, part, clause, lead, partners, tags, dated, status, notice]) => ({
              ref,
              part,
              clause,
              lead: lead.map(i => ids[i]),
              partners: partners.map(i => ids[i]),
              tags,
              dated: Boolean(dated),
              status,
              notice: notice == null ? "" : notices[notice]
            })
          )
          return {
            notices,
            tasks: list,
            byRef: new Map(list.map(task => [task.ref, task])),
            units: new Map(units.units.map(([id, title, location]) => [id, { title, location }]))
          }
        }
      )
      loaded.set(search, facets)
      facets.catch(() => loaded.delete(search)) // try again on the next view
    }
    return loaded.get(search)
  }

  /**
   * Material opens its header search for any page loaded with ?q= (search deep linking), and
   * takes q out of the URL when it closes. On this page q is ours: close it, and put q back.
   */
  function keepHeaderSearchShut(form) {
    const toggle = document.getElementById("__search")
    if (!toggle || !toggle.checked || !new URLSearchParams(location.search).has("q")) return
    toggle.checked = false
    toggle.dispatchEvent(new Event("change"))
    if (document.activeElement instanceof HTMLElement) document.activeElement.blur()
    remember(read(form))
  }

  /** The form's fields from the URL's query; a value no field offers is dropped. */
  function fill(form, params, names = PARAMS) {
    for (const name of names) {
      const field = form.elements[name]
      if (!field) continue
      const value = params.get(name) || ""
      if (field.type === "checkbox") field.checked = value === "1"
      else {
        field.value = value
        if (field.value !== value) field.value = ""
      }
    }
  }

  /**
   * The part and clause choices of the notice chosen, on a library's tasks/ (the only page
   * with a notice field): loaded when it is chosen; without one, both are disabled. wanted:
   * the URL's query on the first view, whose part and clause wait for these choices.
   */
  async function choices(form, search, wanted) {
    const { notice, part, clause } = form.elements
    if (!notice || part.dataset.notice === notice.value) return
    const chosen = (part.dataset.notice = notice.value)
    for (const select of [part, clause]) {
      select.replaceChildren(select.options[0])
      select.dataset.hint ??= select.title // "choose a notice first", from the page
      select.title = chosen ? "" : select.dataset.hint
      select.disabled = true
    }
    if (!chosen) return
    let outline
    try {
      const { notices } = await facets(search)
      outline = await search.file(`n${notices.indexOf(chosen)}.json`)
    } catch {
      delete part.dataset.notice // try again when the notice is chosen again
      return // logged by search.file; the results are still filtered by the notice
    }
    if (notice.value !== chosen) return // another notice was chosen meanwhile
    part.append(...outline.parts.map(([number, title]) => option(number, title)))
    for (const [slug, partNumber, title] of outline.clauses)
      clause.append(option(slug, title, partNumber))
    part.disabled = clause.disabled = false
    if (wanted) fill(form, wanted, ["part", "clause"])
  }

  function option(value, text, partNumber) {
    const node = el("option", null, text)
    node.value = String(value)
    if (partNumber !== undefined) node.dataset.part = partNumber == null ? "" : String(partNumber)
    return node
  }

  /** Offer only what applies: a role once a unit is chosen, the clauses of the chosen part. */
  function narrow(form) {
    const { unit, role, part, clause } = form.elements
    role.disabled = !unit.value // a disabled field is left out of the state and the URL
    for (const option of clause.options)
      option.hidden = Boolean(part.value && option.dataset.part && option.dataset.part !== part.value)
  }

  /** The folded filters' summary says how many are set: 筛选（已选 2 项）. */
  function sayFilters(form, state) {
    const count = form.querySelector(".fg-task-filter-count")
    if (!count) return
    const set = PARAMS.filter(name => name !== "q" && state[name]).length
    count.textContent = set ? `（已选 ${set} 项）` : ""
  }

  /** What to try when nothing is found: the filters set, by their labels (取消筛选：群体、
   *  部分), else other words to search for. */
  function emptyHint(form, state) {
    const set = PARAMS.filter(name => name !== "q" && state[name] && form.elements[name])
      .map(name => {
        const field = form.elements[name]
        const label = field.closest("label")
        return (label ? label.textContent.replace(field.textContent, "") : name).trim()
      })
      .filter(Boolean)
    if (set.length) return `可取消筛选：${set.join("、")}，或点“清除条件”。`
    return "可换用更短的词（如“失业保险”）、单位简称（如“人社局”）或群体（如“高校毕业生”）。"
  }

  /** The state shown: {q, notice, unit, role, part, clause, tag, status, dated}, empty ones
   *  left out; with a unit, ids: its id and those of the units it replaced. */
  function read(form) {
    const data = new FormData(form)
    const state = {}
    for (const name of PARAMS) {
      const value = String(data.get(name) || "").trim()
      if (value) state[name] = value
    }
    if (state.unit) {
      const chosen = form.elements.unit.selectedOptions[0]
      const also = (chosen && chosen.dataset.also) || ""
      state.ids = [state.unit, ...also.split(" ").filter(Boolean)]
    }
    return state
  }

  /** The state in the URL, without a new history entry per keystroke. */
  function remember(state) {
    const params = new URLSearchParams()
    for (const name of PARAMS) if (state[name]) params.set(name, state[name])
    const query = params.toString()
    const url = location.pathname + (query ? `?${query}` : "") + location.hash
    if (url !== location.pathname + location.search + location.hash)
      history.replaceState(history.state, "", url)
  }

  /**
   * The tasks to show, [{doc, item}] with `units` (id → unit): ranked by the engine if there is
   * a query, else in the notice's order; either way only the documents shown are loaded.
   */
  async function matches(search, state) {
    const { tasks, byRef, units } = await facets(search)
    let found
    if (state.q) {
      found = []
      for (const group of await search.results(state.q))
        for (const { doc, item } of group) {
          const task = byRef.get(doc.ref)
          if (task && kept(task, state)) found.push({ ref: doc.ref, doc, item })
        }
    } else {
      // Their documents are loaded a page at a time, as they are shown (showFrom).
      found = tasks.filter(task => kept(task, state)).map(task => ({ ref: task.ref, item: null }))
    }
    for (const entry of found) entry.facets = byRef.get(entry.ref)
    found.units = units
    return found
  }

  /**
   * The results from index `from` on, one page of them, and after it a button that shows
   * the next page. current() says whether this view is still the one asked for.
   */
  async function showFrom(search, box, found, from, ids, current) {
    const results = box.querySelector(".fg-task-results")
    const size = Number(box.dataset.pageSize) || PAGE_SIZE
    const page = found.slice(from, from + size)
    await search.loadDocs(page.filter(entry => !entry.doc).map(entry => entry.ref))
    if (!current()) return
    for (const entry of page) entry.doc ??= search.doc(entry.ref)
    const shown = page.filter(entry => entry.doc).map(entry => result(entry, found.units, ids))
    results.append(...shown)
    const left = found.length - from - page.length
    if (left <= 0) return
    const more = el("li", "fg-task-more")
    const button = el("button", "md-button", `显示更多（还有 ${left} 项）`)
    button.type = "button"
    button.addEventListener("click", async () => {
      more.remove()
      await showFrom(search, box, found, from + size, ids, current)
      // Keyboard and screen-reader users go on from the first result just shown.
      results.querySelectorAll(".fg-task-result")[from + size]?.querySelector("a")?.focus()
    })
    more.append(button)
    results.append(more)
  }

  function kept(facets, state) {
    const { lead, partners } = facets
    const own = id => state.ids.includes(id)
    if (state.notice && facets.notice !== state.notice) return false
    if (state.part && String(facets.part) !== state.part) return false
    if (state.clause && String(facets.clause) !== state.clause) return false
    if (state.unit && !lead.some(own)) {
      if (state.role === "lead" || !partners.some(own)) return false
    }
    if (state.tag && !facets.tags.includes(state.tag)) return false
    if (state.status && facets.status !== state.status) return false
    if (state.dated && !facets.dated) return false
    return true
  }

  /**
   * One result: the task's link (its title names its notice, in a library), its units, and
   * the teaser with the matches marked. With a unit chosen (ids: it and the units it
   * replaced), the result says that unit's role (本单位：参与) and lists the other units.
   */
  function result({ doc, item, facets }, units, ids) {
    const li = el("li", "fg-task-result")
    const head = el("p", "fg-task-result-head")
    const link = el("a", null, doc.title)
    link.href = new URL(doc.location, SITE).href
    head.append(link)
    const unit = Boolean(ids)
    if (unit) {
      // A task with no lead (未明确牵头单位) has no 参与 either: each unit is responsible.
      const leads = facets.lead.some(id => ids.includes(id))
      const role = leads ? "牵头" : facets.lead.length ? "参与" : "负责"
      const own = el("span", "fg-task-result-role", `本单位：${role}`)
      own.dataset.role = leads ? "lead" : "partner"
      head.append(own)
    }
    const others = id => !unit || !ids.includes(id)
    const lead = facets.lead.filter(others)
    const partners = facets.partners.filter(others)
    const unled = !facets.lead.length
    if (lead.length) head.append(unitList("fg-task-result-lead", "牵头：", lead, units))
    if (unled) head.append(el("span", "fg-task-result-lead", "未明确牵头单位"))
    if (partners.length) {
      const named = unled ? "责任单位：" : "参与："
      const label = unit ? `其他${named}` : named
      head.append(unitList("fg-task-result-partners", label, partners, units))
    }
    li.append(head)
    if (item) li.append(...marked(item.text))
    else li.append(el("p", "fg-task-result-text", cut(doc.text || "")))
    return li
  }

  /** A labelled list of unit links: 参与：区财政局、区税务局 */
  function unitList(className, label, ids, units) {
    const span = el("span", className, label)
    ids
      .map(id => units.get(id))
      .filter(Boolean)
      .forEach((unit, i) => {
        const a = el("a", null, unit.title)
        a.href = new URL(unit.location, SITE).href
        span.append(...(i ? ["、", a] : [a]))
      })
    return span
  }

  /** The engine's teaser HTML (already escaped) as new paragraphs of text and <mark>s. */
  function marked(html) {
    const parsed = new DOMParser().parseFromString(html, "text/html") // inert: runs nothing
    const paragraphs = [...parsed.body.children].filter(p => !p.hasAttribute("data-fg-lead"))
    return paragraphs.map(paragraph => {
      const p = el("p", "fg-task-result-text")
      for (const node of paragraph.childNodes)
        p.append(node.nodeName === "MARK" ? el("mark", null, node.textContent) : node.textContent)
      return p
    })
  }

  function cut(text) {
    const chars = Array.from(text)
    return chars.length > SNIPPET_CHARS ? chars.slice(0, SNIPPET_CHARS).join("") + "…" : text
  }

  // --- The unit finder on /units/ ---------------------------------------------------------

  /** A box above the units table that keeps the rows whose name or other names match. */
  function unitFinder(table) {
    const box = el("p", "fg-unit-finder")
    const label = el("label", null, "查找单位 ")
    const input = el("input")
    Object.assign(input, { type: "search", id: "fg-unit-q", autocomplete: "off" })
    input.placeholder = "名称、简称或别称，如：人社局"
    label.htmlFor = input.id
    const status = el("span", "fg-unit-count")
    status.setAttribute("role", "status")
    status.setAttribute("aria-live", "polite")
    box.append(label, input, status)
    table.closest(".fg-sortable").before(box)
    engine().then(
      search => search.file("units.json").then(units => ({ search, units: units.units }))
    ).then(
      ({ search, units }) => {
        const names = new Map()
        for (const [, title, location, others] of units)
          names.set(
            slug(location),
            [title, ...others].map(name => compact(name, search.t2s))
          )
        const rows = Array.from(table.tBodies[0].rows, row => {
          const link = row.querySelector("a")
          return { row, link, names: (link && names.get(slug(link.href))) || [] }
        })
        const update = () => {
          const query = compact(input.value, search.t2s)
          let shown = 0
          for (const { row, names } of rows) {
            row.hidden = Boolean(query) && !names.some(name => name.includes(query))
            if (!row.hidden) shown++
          }
          status.textContent = query ? `${shown} 个单位` : ""
        }
        input.addEventListener("input", update)
        input.addEventListener("keydown", event => {
          if (event.key !== "Enter") return
          const first = rows.find(({ row }) => !row.hidden)
          if (first && first.link && input.value.trim()) first.link.click() // to its page
        })
        update()
        box.dataset.ready = ""
        // Arriving from the home page's 查找本单位 (/units/#list): the box is the way in.
        if (location.hash === "#list") input.focus()
      },
      error => {
        console.error("fengong unit finder: cannot load the search index", error)
        box.remove()
      }
    )
  }

  /** A name as the engine compares it (full/half width, case, traditional), without
   *  spaces or punctuation: 各镇街人民政府（办事处） finds 各镇街人民政府〔办事处〕. */
  function compact(text, t2s) {
    return window.fengong.normalize(text, t2s).replace(/[\s\p{P}\p{S}]/gu, "")
  }

  // Material's document$ emits on the first load and after every instant navigation.
  window.document$.subscribe(() => {
    const box = document.getElementById("fg-task-search")
    if (box) taskIndex(box)
    const units = document.querySelector("h1#units ~ .fg-sortable table")
    if (units && !document.getElementById("fg-unit-q")) unitFinder(units)
  })
})()
