/*
 * fengong: which dates have passed, marked in the reader's browser against today's date.
 *
 * Two builds of the same data give the same bytes, so the build cannot write "today". The
 * pages carry each dated item's days (ISO) instead, and this script marks them when a page
 * is shown:
 *   - an element with data-fg-kind, data-fg-first and data-fg-last (a unit's 时间节点 and
 *     报送要求, the list on /timeline/) gets a status after its .fg-when: 已截止, 实施中, 还有12天 …
 *     and the class fg-past, fg-now or fg-future;
 *   - an element with data-fg-today says what today is and how many items have passed;
 *   - an element with data-fg-next shows the first of its items not yet past (sayNext);
 *   - the timeline chart (data-fg-axis-start …) gets a rule at today, or, when today is off
 *     its axis, its rows are marked past or future.
 * Everything it writes is its own wording: no text from the data passes through it.
 */
;(function () {
  "use strict"

  const SVG = "http://www.w3.org/2000/svg"
  const DAY_MS = 86400000

  // The status of an item by its kind (fengong.dated kinds), before, during and after its days.
  const WORDS = {
    period: { past: "已结束", now: "实施中", future: "未开始" },
    reporting: { past: "报送时间已过", now: "正在报送期内", future: "未到报送时间" },
    deadline: { past: "已截止", now: "今天截止", future: "" },
    date: { past: "已过", now: "今天", future: "" },
    issued: { past: "已印发", now: "今天印发", future: "" }
  }

  /** Today in the reader's time zone, as ISO: 2026-12-01. */
  function todayISO() {
    const now = new Date()
    const pad = n => String(n).padStart(2, "0")
    return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`
  }

  /** Whole days from one ISO day to another. */
  function daysBetween(from, to) {
    return Math.round((Date.parse(to) - Date.parse(from)) / DAY_MS)
  }

  function cnDate(iso) {
    const [y, m, d] = iso.split("-").map(Number)
    return `${y}年${m}月${d}日`
  }

  /** past | now | future of days [first, last] on `today` (ISO strings compare as dates). */
  function phase(first, last, today) {
    if (last < today) return "past"
    if (first > today) return "future"
    return "now"
  }

  function statusText(kind, when, first, today) {
    const words = WORDS[kind] || WORDS.date
    if (when === "future") {
      const days = daysBetween(today, first)
      return words.future ? `${words.future}（还有${days}天）` : `还有${days}天`
    }
    return words[when]
  }

  function markItems(root, today) {
    const counts = { past: 0, now: 0, future: 0 }
    for (const item of root.querySelectorAll("[data-fg-kind][data-fg-first][data-fg-last]")) {
      const { fgKind: kind, fgFirst: first, fgLast: last } = item.dataset
      const when = phase(first, last, today)
      counts[when]++
      item.classList.remove("fg-past", "fg-now", "fg-future")
      item.classList.add(`fg-${when}`)
      let status = item.querySelector(".fg-status")
      if (!status) {
        status = document.createElement("span")
        status.className = "fg-status"
        const anchor = item.querySelector(".fg-when") || item.firstChild
        if (anchor) anchor.after(status)
        else item.append(status)
      }
      status.dataset.when = when
      status.textContent = ` ${statusText(kind, when, first, today)}`
    }
    return counts
  }

  /**
   * What comes next, for a line at the top of a page (the home page's 下一次报送, a unit's
   * next 时间节点): an element with data-fg-next holds items (data-fg-next-item), each with a
   * dated element inside, in date order. The one not yet past that ends first is shown, the
   * others hidden, the label (data-fg-next-label) saying data-fg-next; when every one has passed,
   * the last is shown and the label says data-fg-next-none. Separators (data-fg-next-sep)
   * go. The wording is the page's own, in its attributes.
   */
  function sayNext(root, today) {
    for (const box of root.querySelectorAll("[data-fg-next]")) {
      const items = [...box.querySelectorAll("[data-fg-next-item]")]
      if (!items.length) continue
      // Of those not past, the one that ends first: a deadline next month before a period
      // that began last year and runs to December.
      let upcoming = null
      let end = ""
      for (const item of items) {
        const dated = item.querySelector("[data-fg-first][data-fg-last]")
        if (!dated || phase(dated.dataset.fgFirst, dated.dataset.fgLast, today) === "past") continue
        if (!upcoming || dated.dataset.fgLast < end) [upcoming, end] = [item, dated.dataset.fgLast]
      }
      const shown = upcoming || items[items.length - 1]
      for (const item of items) item.hidden = item !== shown
      for (const sep of box.querySelectorAll("[data-fg-next-sep]")) sep.hidden = true
      const label = box.querySelector("[data-fg-next-label]")
      if (label) label.textContent = upcoming ? box.dataset.fgNext : box.dataset.fgNextNone
      box.dataset.state = upcoming ? "upcoming" : "passed"
    }
  }

  function sayToday(root, today, counts) {
    for (const note of root.querySelectorAll("[data-fg-today]")) {
      const parts = []
      if (counts.past) parts.push(`${counts.past}项已过`)
      if (counts.now) parts.push(`${counts.now}项正在进行`)
      if (counts.future) parts.push(`${counts.future}项未到`)
      note.textContent = `今天是${cnDate(today)}${parts.length ? `：${parts.join("，")}` : ""}。`
      note.hidden = false
    }
  }

  function markChart(root, today) {
    for (const figure of root.querySelectorAll("figure[data-fg-axis-start]")) {
      const svg = figure.querySelector("svg")
      const { fgAxisStart: start, fgAxisEnd: end } = figure.dataset
      if (!svg || !start || !end) continue
      for (const row of svg.querySelectorAll("a[data-first][data-last]")) {
        row.classList.remove("fg-past", "fg-now", "fg-future")
        row.classList.add(`fg-${phase(row.dataset.first, row.dataset.last, today)}`)
      }
      svg.querySelectorAll(".fg-today").forEach(node => node.remove())
      figure.dataset.today = today < start ? "before" : today > end ? "after" : "on"
      if (figure.dataset.today !== "on") continue
      const x0 = Number(figure.dataset.fgAxisX)
      const width = Number(figure.dataset.fgAxisWidth)
      const top = Number(figure.dataset.fgAxisTop)
      const bottom = Number(figure.dataset.fgAxisBottom)
      const x = x0 + (width * daysBetween(start, today)) / daysBetween(start, end)
      const line = document.createElementNS(SVG, "line")
      const label = document.createElementNS(SVG, "text")
      for (const node of [line, label]) {
        node.classList.add("fg-today")
        node.setAttribute("aria-hidden", "true")
      }
      Object.entries({ x1: x, x2: x, y1: top - 4, y2: bottom, stroke: "#c62828" }).forEach(
        ([name, value]) => line.setAttribute(name, String(value))
      )
      line.setAttribute("stroke-width", "2")
      Object.entries({ x: x + 3, y: bottom - 4, fill: "#c62828" }).forEach(([name, value]) =>
        label.setAttribute(name, String(value))
      )
      label.setAttribute("class", "fg-today fg-small")
      label.textContent = "今天"
      // Under the rows, so their date labels (haloed in the page's background) stay legible
      // where they cross it; its own label on top.
      svg.insertBefore(line, svg.querySelector("a.fg-event"))
      svg.append(label)
    }
  }

  function mark() {
    const root = document.querySelector("article") || document.body
    const today = todayISO()
    const counts = markItems(root, today)
    sayToday(root, today, counts)
    sayNext(root, today)
    markChart(root, today)
  }

  // Material's document$ emits on the first load and after every instant navigation.
  if (window.document$) window.document$.subscribe(mark)
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", mark)
  else mark()
})()
