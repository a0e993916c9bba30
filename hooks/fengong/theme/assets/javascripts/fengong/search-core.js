/*
 * fengong search, the browser half: the tokeniser, which must give exactly the tokens of
 * tokenize() in hooks/fengong/search.py (that one builds the index; tests/test_search_tokenize.py
 * compares the two), and the query engine that search-worker.js runs for Material's search box.
 *
 * A plain script: the worker loads it with importScripts(), tests with a <script>. It defines
 * the global `fengong` and needs the global `lunr` (2.3.9) only to construct an Engine.
 */
(function (root) {
  "use strict"

  const FORMAT = 1 // the version of search/fengong-index.json this code reads

  // Runs of CJK ideographs, or of ASCII letters and digits: the same classes as search.py.
  const RUNS =
    /([\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u{20000}-\u{3ffff}]+)|([a-z0-9]+)/gu

  // A query word naming a task: 23, 任务23, 第23项 (after normalisation).
  const TASK_REF = /^(?:任务|第)?0*([1-9][0-9]*)项?$/

  // Where a query word was found, strongest first. A document's rank is the sum over the query
  // words, and decides the order; lunr's score only orders documents of equal rank.
  const FIELDS = ["title", "names", "partners", "text"]
  const FIELD_RANK = { title: 4, names: 3, partners: 2, text: 1 }
  const TASK_REF_RANK = 1000 // above any sum of field ranks

  // Labels shown in results, by document kind (Material renders `tags` as chips).
  const KIND_LABEL = {
    task: "任务", unit: "单位", clause: "条款", part: "部分", notice: "通知原文", page: "页面"
  }
  const FIELD_LABEL = {
    task: { names: "牵头单位", partners: "参与单位" },
    unit: { names: "又称" }
  }
  const TEASER_CHARS = 120 // a longer text is cut around its first match

  /** NFKC (full-width → half-width), lower case, traditional → simplified (t2s: a Map). */
  function normalize(text, t2s) {
    let out = ""
    for (const ch of text.normalize("NFKC").toLowerCase()) out += t2s.get(ch) || ch
    return out
  }

  /** The runs of an already normalised string: [{cjk: [chars]} | {word: "abc"}]. */
  function runs(norm) {
    const out = []
    for (const [, cjk, word] of norm.matchAll(RUNS))
      out.push(word ? { word } : { cjk: Array.from(cjk) })
    return out
  }

  /** Index terms: a CJK run's characters then its overlapping bigrams; ASCII runs whole. */
  function tokenize(text, t2s) {
    const tokens = []
    for (const { cjk, word } of runs(normalize(text, t2s))) {
      if (word) {
        tokens.push(word)
        continue
      }
      tokens.push(...cjk)
      for (let i = 0; i + 1 < cjk.length; i++) tokens.push(cjk[i] + cjk[i + 1])
    }
    return tokens
  }

  /**
   * The lunr terms a normalised query word requires: each bigram of a CJK run (its single
   * character if the run has one), each ASCII run whole, letters also as a prefix so a word
   * matches while it is being typed.
   */
  function queryTerms(norm) {
    const terms = new Map()
    for (const { cjk, word } of runs(norm)) {
      if (word) terms.set(word, /^[a-z]+$/.test(word))
      else if (cjk.length === 1) terms.set(cjk[0], false)
      else for (let i = 0; i + 1 < cjk.length; i++) terms.set(cjk[i] + cjk[i + 1], false)
    }
    return [...terms].map(([term, prefix]) => ({ term, prefix }))
  }

  /**
   * A field value normalised character by character, with the span of the written text each
   * UTF-16 unit of the normalised text came from: matching works on `norm`, highlighting
   * slices `raw`. (Per character, NFKC cannot compose across characters; in Chinese text that
   * changes nothing, elsewhere it can only miss a match, never make one.)
   */
  function mapped(raw, t2s) {
    let norm = ""
    const starts = []
    const ends = []
    let offset = 0
    for (const ch of raw) {
      const n = normalize(ch, t2s)
      for (let k = 0; k < n.length; k++) {
        starts.push(offset)
        ends.push(offset + ch.length)
      }
      norm += n
      offset += ch.length
    }
    return { raw, norm, starts, ends }
  }

  /** Whether norm contains form as written, a number not cut out of a longer one:
   *  "1年" is in "正常经营1年以上" but not in "2021年". */
  function containsForm(norm, form) {
    const isDigit = c => c >= "0" && c <= "9"
    for (let i = norm.indexOf(form); i !== -1; i = norm.indexOf(form, i + 1)) {
      const end = i + form.length
      if (isDigit(form[0]) && i > 0 && isDigit(norm[i - 1])) continue
      if (isDigit(form[form.length - 1]) && end < norm.length && isDigit(norm[end])) continue
      return true
    }
    return false
  }

  /** The hits of both words (AND): ranks and scores added, forms joined. Changes `found`. */
  function intersect(found, hits) {
    for (const [ref, hit] of found) {
      const other = hits.get(ref)
      if (!other) found.delete(ref)
      else {
        hit.rank += other.rank
        hit.score += other.score
        for (const form of other.forms) hit.forms.add(form)
      }
    }
    return found
  }

  function escapeHTML(text) {
    return text.replace(/[&<>"']/g, c => `&#${c.charCodeAt(0)};`)
  }

  /** The spans of `raw` where any of `forms` occurs, sorted and merged. */
  function spans(value, forms) {
    const found = []
    for (const form of forms)
      for (let i = value.norm.indexOf(form); i !== -1; i = value.norm.indexOf(form, i + 1))
        found.push([value.starts[i], value.ends[i + form.length - 1]])
    found.sort((a, b) => a[0] - b[0] || a[1] - b[1])
    const merged = []
    for (const [start, end] of found) {
      const last = merged[merged.length - 1]
      if (last && start <= last[1]) last[1] = Math.max(last[1], end)
      else merged.push([start, end])
    }
    return merged
  }

  /** HTML of raw[from, to) with the given spans marked. */
  function marked(raw, found, from = 0, to = raw.length) {
    let html = ""
    let cursor = from
    for (const [start, end] of found) {
      if (end <= from || start >= to) continue
      const a = Math.max(start, from)
      const b = Math.min(end, to)
      html += escapeHTML(raw.slice(cursor, a)) + "<mark>" + escapeHTML(raw.slice(a, b)) + "</mark>"
      cursor = b
    }
    return html + escapeHTML(raw.slice(cursor, to))
  }

  /** A teaser of a long text: a window around its first match, with … where it was cut. */
  function excerpt(value, forms) {
    const { raw } = value
    const found = spans(value, forms)
    if (raw.length <= TEASER_CHARS) return marked(raw, found)
    let from = Math.max(0, (found.length ? found[0][0] : 0) - TEASER_CHARS / 4)
    let to = Math.min(raw.length, from + TEASER_CHARS)
    from = Math.max(0, to - TEASER_CHARS)
    if (isLowSurrogate(raw, from)) from++ // never cut a character in two
    if (isLowSurrogate(raw, to)) to++
    return (from > 0 ? "…" : "") + marked(raw, found, from, to) + (to < raw.length ? "…" : "")
  }

  function isLowSurrogate(text, i) {
    const c = text.charCodeAt(i)
    return c >= 0xdc00 && c <= 0xdfff
  }

  class Engine {
    /** data: the parsed search/fengong-index.json that search.py's index_files wrote. */
    constructor(data) {
      if (data.format !== FORMAT)
        throw new Error(`search index format ${data.format}, expected ${FORMAT}`)
      this.t2s = new Map(Object.entries(data.t2s))
      this.expansions = new Map(Object.entries(data.expansions))
      this.index = root.lunr.Index.load(data.index)
      this.byLocation = new Map()
      this.byTask = new Map()
      this.docs = data.docs.map((doc, ref) => {
        this.byLocation.set(doc.location, ref)
        if (doc.task != null) this.byTask.set(doc.task, ref)
        const values = {
          title: [doc.title],
          names: doc.names || [],
          partners: doc.partners || [],
          text: [doc.text || ""]
        }
        const fields = {}
        for (const field of FIELDS) fields[field] = values[field].map(v => mapped(v, this.t2s))
        return { ...doc, ref, fields }
      })
    }

    /**
     * Material's SearchResult for a query: {items}, one array per page, the page's best
     * match first, the page itself (location without #) among them. Every space-separated
     * word must match (AND); a word matches a document that contains it, or a word it
     * expands to, as written after normalisation, or that is the task it names.
     */
    search(query) {
      const words = this.parse(query)
      if (!words.length) return { items: [] }
      let found = null
      for (const word of words) {
        let hits = this.match(word)
        if (!hits.size) hits = this.matchSplit(word)
        found = found === null ? hits : intersect(found, hits)
      }
      return { items: this.group(found) }
    }

    /**
     * A word that nothing contains as written may be two words typed together
     * (高校毕业生就业, 登记失业): try each split into two parts of two or more characters,
     * and keep the split whose parts both occur in the most documents.
     */
    matchSplit({ word }) {
      let best = new Map()
      for (let k = 2; k <= word.length - 2; k++) {
        const [left, right] = [word.slice(0, k), word.slice(k)].map(part => this.parse(part)[0])
        if (!left || !right) continue
        const found = intersect(this.match(left), this.match(right))
        if (found.size > best.size) best = found
      }
      return best
    }

    /** Query words: normalised, each with the forms it searches for and their lunr terms. */
    parse(query) {
      const words = []
      for (const word of new Set(normalize(query, this.t2s).split(/\s+/))) {
        if (!word) continue
        const forms = [word, ...(this.expansions.get(word) || [])]
          .map(form => ({ form, terms: queryTerms(form) }))
          .filter(({ terms }) => terms.length)
        const ref = TASK_REF.exec(word)
        const task = ref && this.byTask.has(Number(ref[1])) ? Number(ref[1]) : null
        if (forms.length || task !== null) words.push({ word, forms, task })
      }
      return words
    }

    /** Documents matching one word: ref → {rank, score, forms found}. */
    match({ word, forms, task }) {
      const { REQUIRED } = root.lunr.Query.presence
      const { NONE, TRAILING } = root.lunr.Query.wildcard
      const hits = new Map()
      for (const { form, terms } of forms) {
        const results = this.index.query(q => {
          for (const { term, prefix } of terms)
            q.term(term, { presence: REQUIRED, usePipeline: false, wildcard: prefix ? TRAILING : NONE })
        })
        for (const { ref, score } of results) {
          const rank = this.rank(this.docs[ref], form)
          if (!rank) continue // lunr has every bigram, but not the word as written
          const hit = hits.get(ref)
          if (!hit) hits.set(ref, { rank, score, forms: new Set([form]) })
          else {
            hit.forms.add(form)
            if (rank > hit.rank || (rank === hit.rank && score > hit.score))
              Object.assign(hit, { rank, score })
          }
        }
      }
      if (task !== null) {
        const ref = String(this.byTask.get(task))
        const hit = hits.get(ref) || { rank: 0, score: 0, forms: new Set() }
        hit.rank += TASK_REF_RANK
        hit.forms.add(word)
        hits.set(ref, hit)
      }
      return hits
    }

    /** The field rank of the strongest field whose value contains form; 0 if none does. */
    rank(doc, form) {
      for (const field of FIELDS)
        if (doc.fields[field].some(value => containsForm(value.norm, form))) return FIELD_RANK[field]
      return 0
    }

    /** Hits in order, grouped by page as Material renders them. */
    group(found) {
      const ordered = [...found]
        .map(([ref, hit]) => ({ doc: this.docs[ref], hit, score: hit.rank + hit.score / (1 + hit.score) }))
        .sort((a, b) => b.score - a.score || a.doc.ref - b.doc.ref)
      const groups = new Map()
      for (const { doc, hit, score } of ordered) {
        const page = doc.location.split("#")[0]
        if (!groups.has(page)) groups.set(page, [])
        groups.get(page).push(this.item(doc, [...hit.forms], score))
      }
      for (const [page, items] of groups) {
        const ref = this.byLocation.get(page)
        if (ref !== undefined && !items.some(item => item.location === page))
          items.push(this.item(this.docs[ref], [], 0))
      }
      return [...groups.values()]
    }

    /** Material's SearchItem: title and text as HTML with <mark>s, terms for ?h= on the page. */
    item(doc, forms, score) {
      const title = doc.title ? doc.fields.title[0] : mapped(doc.heading || "", this.t2s)
      const teaser = []
      if (doc.fields.text[0].raw) teaser.push(`<p>${excerpt(doc.fields.text[0], forms)}</p>`)
      for (const field of ["names", "partners"]) {
        const label = (FIELD_LABEL[doc.kind] || {})[field]
        const values = doc.fields[field].filter(value => forms.some(f => containsForm(value.norm, f)))
        if (label && values.length)
          teaser.push(`<p>${label}：${values.map(v => marked(v.raw, spans(v, forms))).join("、")}</p>`)
      }
      return {
        location: doc.location,
        title: marked(title.raw, spans(title, forms)),
        text: teaser.join(""),
        score,
        terms: Object.fromEntries(forms.map(form => [form, true])),
        tags: [KIND_LABEL[doc.kind] || doc.kind]
      }
    }
  }

  root.fengong = { FORMAT, normalize, tokenize, queryTerms, Engine }
})(typeof self !== "undefined" ? self : globalThis)
