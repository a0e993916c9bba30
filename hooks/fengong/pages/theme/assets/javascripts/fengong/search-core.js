/*
 * fengong search, the browser half: the tokeniser, which must give exactly the tokens of
 * tokenize() in hooks/fengong/pages/search.py (that one builds the index; tests/test_search_tokenize.py
 * compares the two), the hash that says which term shard holds a token (token_hash() there),
 * and the query engine that search-worker.js runs for Material's search box and task-index.js
 * for /tasks/.
 *
 * The index is split (search.py's index_files): a manifest, loaded first, names term shards
 * (lunr postings with their scores) and blocks of documents. The engine loads, and keeps, only
 * the shards of a query's terms and the blocks of the documents those terms find.
 *
 * A plain script: the worker loads it with importScripts(), pages and tests with a <script>. It
 * defines the global `fengong` and needs the global `lunr` (2.3.9) only to search.
 */
(function (root) {
  "use strict"

  const FORMAT = 3 // the version of the files search.py's index_files writes that this code reads
  const MANIFEST = "fengong-index.json" // in the site's search/ folder; the other files are in
  const FILES = "fengong/" // search/fengong/, named by the manifest's counts
  const TIMEOUT_MS = 20000 // a file that has not arrived by then counts as failed

  // Runs of CJK ideographs, or of ASCII letters and digits: the same classes as search.py.
  const RUNS =
    /([\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u{20000}-\u{3ffff}]+)|([a-z0-9]+)/gu

  // How people ask, not what they ask about: question words (谁负责失业保险, 哪个单位负责低保)
  // and the words for a unit's role (失业保险 牵头). A query word loses them, each a word
  // break; a query that is nothing but them (牵头) is searched as written. Every task result
  // shows its lead unit, which answers "who".
  const ASKING = new RegExp(
    [
      "是什么|什么是|(?:由|归)?(?:谁|哪个|哪些|哪家|哪一个|哪儿|哪里|什么)(?:单位|部门|机关)?(?:来)?",
      "怎么|怎样|如何|是否|有没有|有哪些|吗|呢|呀",
      "牵头单位|责任单位|参与单位|配合单位|负责|牵头|参与|配合",
      "[?？]"
    ].join("|"),
    "gu"
  )

  // A query word naming a task: 23, 任务23, 第23项 (after normalisation).
  const TASK_REF = /^(?:任务|第)?0*([1-9][0-9]*)项?$/

  // Where a query word was found, strongest first. A document's rank is the sum over the query
  // words, and decides the order; lunr's score only orders documents of equal rank. `context`
  // is what a task inherits, its clause's and part's titles: a task found only there comes
  // after every task whose own words hold the query.
  const FIELDS = ["title", "names", "partners", "text", "context"]
  const FIELD_RANK = { title: 4, names: 3, partners: 2, text: 1, context: 0.5 }
  // A document with fewer query words found only in its context comes first, whatever the
  // ranks: 人社局 培训 lists every task of 区人力社保局 whose own text says 培训 before one that
  // inherits 培训 from its part's title, even one it leads.
  const inheritedOnly = rank => (rank === FIELD_RANK.context ? 1 : 0)
  const TASK_REF_RANK = 1000 // above any sum of field ranks

  // Labels shown in results, by document kind (Material renders `tags` as chips).
  const KIND_LABEL = {
    task: "任务", unit: "单位", clause: "条款", part: "部分", notice: "通知原文", page: "页面"
  }
  const FIELD_LABEL = {
    task: { names: "牵头单位", partners: "参与单位", context: "所属" },
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
      // A URO ideograph is its own NFKC and lower case: only t2s can change it (fast path).
      const code = ch.charCodeAt(0)
      const n = code >= 0x4e00 && code <= 0x9fff ? t2s.get(ch) || ch : normalize(ch, t2s)
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
        hit.inherited += other.inherited
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

  /** 32-bit FNV-1a over the code points of text, then MurmurHash3's finaliser: search.py's
   *  token_hash, bit for bit (tests/test_search_index.py compares them). */
  function tokenHash(text) {
    let h = 0x811c9dc5
    for (const ch of text) h = Math.imul(h ^ ch.codePointAt(0), 0x01000193)
    h ^= h >>> 16
    h = Math.imul(h, 0x85ebca6b)
    h ^= h >>> 13
    h = Math.imul(h, 0xc2b2ae35)
    h ^= h >>> 16
    return h >>> 0
  }

  /** The term shard holding a token: one that begins with an ASCII letter by that letter (a
   *  prefix query's expansions then share its shard), any other by itself. search.py's shard_of. */
  function shardOf(token, shards) {
    const first = token[0]
    return tokenHash(first >= "a" && first <= "z" ? first : token) % shards
  }

  // Postings carry no metadata: one shared empty object (lunr only reads it, for MatchData).
  const NO_METADATA = Object.freeze(Object.create(null))

  /**
   * A term shard: {terms: {term: [per field: [ref gap, score × 1000, …]]}}, the postings of
   * its terms with the scores of lunr's field vectors (BM25), which search.py computed over
   * the whole index. A term's postings are unpacked the first time a query asks for it.
   */
  class Shard {
    constructor(data) {
      this.data = data.terms
      this.unpacked = new Map()
      this.tokens = null
    }

    has(term) {
      return Object.prototype.hasOwnProperty.call(this.data, term)
    }

    /** {fields: [Map ref → score, per field], refs: Set of the refs in any field}. */
    postings(term) {
      let postings = this.unpacked.get(term)
      if (!postings) {
        const refs = new Set()
        const fields = this.data[term].map(list => {
          const scores = new Map()
          for (let k = 0, ref = 0; k < list.length; k += 2) {
            ref += list[k]
            scores.set(ref, list[k + 1] / 1000)
            refs.add(ref)
          }
          return scores
        })
        postings = { fields, refs }
        this.unpacked.set(term, postings)
      }
      return postings
    }

    /** The shard's terms that a query term stands for: itself, or all that a prefix begins. */
    expand({ term, prefix }) {
      if (!prefix) return this.has(term) ? [term] : []
      if (!this.tokens) this.tokens = tokenSet(Object.keys(this.data))
      return this.tokens.intersect(root.lunr.TokenSet.fromString(term + "*")).toArray()
    }
  }

  /** lunr's TokenSet of these terms (its builder wants them in JS order). */
  function tokenSet(terms) {
    const builder = new root.lunr.TokenSet.Builder()
    for (const term of [...terms].sort()) builder.insert(term)
    builder.finish()
    return builder.root
  }

  /**
   * A lunr index of the candidates only: the postings and field vectors of these terms, cut
   * to the documents in `refs`. lunr then searches it as it would search one index of the
   * whole notice: every score it needs is there, and the query vector is the same.
   */
  function candidateIndex(postings, refs, fields) {
    const { lunr } = root
    const terms = [...postings.keys()].sort()
    const invertedIndex = Object.create(null)
    const elements = Object.create(null) // "field/ref" → [term index, score, …], ascending
    terms.forEach((term, i) => {
      const posting = { _index: i }
      postings.get(term).fields.forEach((scores, f) => {
        const field = fields[f]
        const found = (posting[field] = Object.create(null))
        const add = (score, ref) => {
          found[ref] = NO_METADATA
          const key = `${field}/${ref}`
          const vector = elements[key] || (elements[key] = [])
          vector.push(i, score)
        }
        if (scores.size < refs.size) {
          for (const [ref, score] of scores) if (refs.has(ref)) add(score, ref)
        } else {
          for (const ref of refs) {
            const score = scores.get(ref)
            if (score !== undefined) add(score, ref)
          }
        }
      })
      invertedIndex[term] = posting
    })
    const fieldVectors = Object.create(null)
    for (const key in elements) fieldVectors[key] = new lunr.Vector(elements[key])
    return new lunr.Index({
      invertedIndex,
      fieldVectors,
      tokenSet: tokenSet(terms),
      fields,
      pipeline: new lunr.Pipeline()
    })
  }

  /** The smallest first: the refs in every set. */
  function intersection(sets) {
    if (!sets.length) return new Set()
    const [smallest, ...others] = [...sets].sort((a, b) => a.size - b.size)
    const out = new Set()
    for (const ref of smallest) if (others.every(set => set.has(ref))) out.add(ref)
    return out
  }

  class Engine {
    /**
     * manifest: the parsed search/fengong-index.json; load(name): a Promise of the parsed file
     * search/fengong/<name> (t3.json, d0.json, tasks.json, units.json), as open() fetches them.
     */
    constructor(manifest, load) {
      if (manifest.format !== FORMAT)
        throw new Error(`search index format ${manifest.format}, expected ${FORMAT}`)
      this.manifest = manifest
      this.load = load
      this.fields = manifest.fields
      this.t2s = new Map(Object.entries(manifest.t2s))
      this.expansions = new Map(Object.entries(manifest.expansions))
      // task number → refs: one per notice that has the number (a library: each its 任务23)
      this.byTask = new Map()
      for (const [ref, number, count] of manifest.tasks)
        for (let i = 0; i < count; i++) {
          if (!this.byTask.has(number + i)) this.byTask.set(number + i, [])
          this.byTask.get(number + i).push(ref + i)
        }
      this.pages = new Map(Object.entries(manifest.pages)) // notice/ → its ref
      this.files = new Map() // name → Promise of its data
      this.shards = new Map() // k → Promise of term shard k
      this.docs = new Map() // ref → document, once its block is loaded
    }

    /** A file of search/fengong/, loaded once; a failure is logged, and retried next time. */
    file(name) {
      let data = this.files.get(name)
      if (!data) {
        data = Promise.resolve()
          .then(() => this.load(name))
          .then(value => {
            if (!value || value.format !== FORMAT)
              throw new Error(`${name}: format ${value && value.format}, expected ${FORMAT}`)
            return value
          })
        this.files.set(name, data)
        data.catch(err => {
          this.files.delete(name)
          console.error(`fengong search: cannot load ${name}`, err)
        })
      }
      return data
    }

    /** Term shard k, or null if it cannot be loaded now. */
    shard(k) {
      let shard = this.shards.get(k)
      if (!shard) {
        shard = this.file(`t${k}.json`).then(data => new Shard(data))
        this.shards.set(k, shard)
        shard.catch(() => this.shards.delete(k))
      }
      return shard.catch(() => null)
    }

    /** Loads the blocks holding these refs; a ref whose block fails stays out of this.docs. */
    async loadDocs(refs) {
      const { block } = this.manifest
      const blocks = new Set()
      for (const ref of refs) if (!this.docs.has(ref)) blocks.add(Math.floor(ref / block))
      await Promise.all([...blocks].map(b => this.loadBlock(b)))
    }

    async loadBlock(b) {
      let data
      try {
        data = await this.file(`d${b}.json`)
      } catch {
        return false // logged by file()
      }
      const first = b * this.manifest.block
      data.docs.forEach((doc, i) => {
        if (!this.docs.has(first + i)) this.docs.set(first + i, { ...doc, ref: first + i })
      })
      return true
    }

    /** A loaded document, or undefined. */
    doc(ref) {
      return this.docs.get(ref)
    }

    /** A document's searched values, normalised with their mapping back (made on first use). */
    fieldsOf(doc) {
      if (!doc.fields) {
        const values = {
          title: [doc.title],
          names: doc.names || [],
          partners: doc.partners || [],
          text: [doc.text || ""],
          context: doc.context || []
        }
        doc.fields = {}
        for (const field of FIELDS) doc.fields[field] = values[field].map(v => mapped(v, this.t2s))
      }
      return doc.fields
    }

    /**
     * Material's SearchResult for a query: {items}, one array per page, the page's best
     * match first, the page itself (location without #) among them. Every space-separated
     * word must match (AND); a word matches a document that contains it, or a word it
     * expands to, as written after normalisation, or that is the task it names.
     */
    async search(query) {
      const groups = await this.results(query)
      return { items: groups.map(group => group.map(({ item }) => item)) }
    }

    /** The results grouped by page as search() gives them, each {doc, item}. */
    async results(query) {
      const found = await this.find(query)
      const pages = new Set()
      for (const ref of found.keys()) {
        const page = this.pages.get(this.docs.get(ref).location.split("#")[0])
        if (page !== undefined) pages.add(page)
      }
      await this.loadDocs(pages)
      return this.group(found)
    }

    /** The documents matching every word of the query: ref → {rank, score, inherited (words
     *  found only in the document's context), forms}. */
    async find(query) {
      const words = this.parse(query)
      if (!words.length) return new Map()
      const matches = await Promise.all(words.map(word => this.lunrMatches(word)))
      const split = new Map() // word → its hits from the split fallback
      for (const [i, word] of words.entries()) {
        if (matches[i].refs.size) continue
        split.set(i, await this.matchSplit(word)) // lunr finds nothing: two words typed together?
        if (!split.get(i).size) return new Map()
      }
      for (;;) {
        // Every result is among these: each word's candidates (lunr's, or the split's hits).
        const within = intersection(
          words.map((word, i) => (split.has(i) ? new Set(split.get(i).keys()) : matches[i].refs))
        )
        if (!within.size) return new Map()
        await this.loadDocs(within)
        const hits = []
        let retry = false
        for (const [i, word] of words.entries()) {
          if (split.has(i)) continue
          hits[i] = this.hits(word, matches[i], within)
          if (hits[i].size) continue
          // No document of `within` holds the word: if one elsewhere does, nothing holds every
          // word; if none does, it may be two words typed together.
          if (await this.matchesElsewhere(word, matches[i], within)) return new Map()
          split.set(i, await this.matchSplit(word))
          retry = true
          break
        }
        if (retry) continue
        let found = null
        for (const [i] of words.entries()) {
          const wordHits = split.has(i) ? restrict(split.get(i), within) : hits[i]
          found = found === null ? wordHits : intersect(found, wordHits)
        }
        return found
      }
    }

    /**
     * What lunr finds for a word: {forms: [{form, refs, lunr}], refs}: for each form, the
     * documents holding all its terms; refs, those of every form and the task the word names.
     * Only the shards of the word's terms are loaded; nothing is scored yet.
     */
    async lunrMatches(word) {
      const forms = await Promise.all(
        word.forms.map(async ({ form, terms }) => ({ form, ...(await this.candidates(terms)) }))
      )
      const refs = new Set()
      for (const form of forms) for (const ref of form.refs) refs.add(ref)
      if (word.task !== null) for (const ref of this.byTask.get(word.task)) refs.add(ref)
      return { forms, refs }
    }

    /**
     * The documents holding every term (lunr's REQUIRED): {refs, lunr: {clauses, postings}},
     * found in the postings of the terms' shards. A shard that cannot be loaded is left out:
     * its terms then do not narrow the candidates (the containment check still does; the
     * failure is logged).
     */
    async candidates(terms) {
      const shards = await Promise.all(
        terms.map(term => this.shard(shardOf(term.term, this.manifest.shards)))
      )
      const postings = new Map() // term → its postings, for every term the clauses stand for
      const clauses = []
      terms.forEach((term, i) => {
        const shard = shards[i]
        if (!shard) return
        const expanded = shard.expand(term)
        let refs = new Set()
        for (const t of expanded) {
          if (!postings.has(t)) postings.set(t, shard.postings(t))
          if (expanded.length === 1) refs = postings.get(t).refs
          else for (const ref of postings.get(t).refs) refs.add(ref)
        }
        clauses.push({ term, refs })
      })
      return { refs: intersection(clauses.map(clause => clause.refs)), lunr: { clauses, postings } }
    }

    /**
     * lunr's scores of these documents (all holding the form's terms): lunr searches an index
     * of them alone, which scores each as an index of everything would (candidateIndex).
     */
    lunrScores({ lunr: { clauses, postings } }, refs) {
      const { REQUIRED } = root.lunr.Query.presence
      const { NONE, TRAILING } = root.lunr.Query.wildcard
      const index = candidateIndex(postings, refs, this.fields)
      const results = index.query(q => {
        for (const { term } of clauses)
          q.term(term.term, {
            presence: REQUIRED,
            usePipeline: false,
            wildcard: term.prefix ? TRAILING : NONE
          })
      })
      return new Map(results.map(({ ref, score }) => [Number(ref), score]))
    }

    /** The documents among `refs` (loaded) that hold the form as written, with the field
     *  rank of where: [[ref, rank]]. lunr has every bigram of those it finds, not the order. */
    ranked({ form, refs: found }, refs) {
      const out = []
      for (const ref of refs) {
        if (!found.has(ref)) continue
        const doc = this.docs.get(ref)
        if (!doc) continue // its block could not be loaded
        const rank = this.rank(doc, form)
        if (rank) out.push([ref, rank])
      }
      return out
    }

    /** A word's hits among the refs `within` (their documents loaded): ref → {rank, score,
     *  forms found}. Only those hits are scored by lunr. */
    hits({ word, task }, { forms }, within) {
      const hits = new Map()
      for (const form of forms) {
        const ranked = this.ranked(form, within)
        if (!ranked.length) continue
        const scores = this.lunrScores(form, new Set(ranked.map(([ref]) => ref)))
        for (const [ref, rank] of ranked) {
          const score = scores.get(ref) || 0
          const hit = hits.get(ref)
          if (!hit) {
            const inherited = inheritedOnly(rank)
            hits.set(ref, { rank, score, inherited, forms: new Set([form.form]) })
          } else {
            hit.forms.add(form.form)
            if (rank > hit.rank || (rank === hit.rank && score > hit.score))
              Object.assign(hit, { rank, score, inherited: inheritedOnly(rank) })
          }
        }
      }
      for (const ref of task !== null ? this.byTask.get(task) : []) {
        if (within.has(ref) && this.docs.has(ref)) {
          const hit = hits.get(ref) || { rank: 0, score: 0, inherited: 0, forms: new Set() }
          hit.rank += TASK_REF_RANK
          hit.inherited = 0 // the word names this task
          hit.forms.add(word)
          hits.set(ref, hit)
        }
      }
      return hits
    }

    /** Whether a candidate outside `within` holds the word: blocks are loaded one at a time,
     *  those with the most candidates first, until one does. */
    async matchesElsewhere(word, matches, within) {
      const { block } = this.manifest
      const rest = new Map() // block → its refs
      for (const ref of matches.refs) {
        if (within.has(ref)) continue
        const b = Math.floor(ref / block)
        if (!rest.has(b)) rest.set(b, new Set())
        rest.get(b).add(ref)
      }
      for (const [, refs] of [...rest].sort((a, b) => b[1].size - a[1].size)) {
        await this.loadDocs(refs)
        if (matches.forms.some(form => this.ranked(form, refs).length)) return true
      }
      return false
    }

    /**
     * A word that nothing contains as written may be two words typed together
     * (高校毕业生就业, 登记失业): try each split into two parts of two or more characters,
     * and keep the split whose parts both occur in the most documents.
     */
    async matchSplit({ word }) {
      let best = new Map()
      for (let k = 2; k <= word.length - 2; k++) {
        const [left, right] = [word.slice(0, k), word.slice(k)].map(part => this.parse(part)[0])
        if (!left || !right) continue
        const [l, r] = await Promise.all([this.lunrMatches(left), this.lunrMatches(right)])
        const within = intersection([l.refs, r.refs])
        await this.loadDocs(within)
        const found = intersect(this.hits(left, l, within), this.hits(right, r, within))
        if (found.size > best.size) best = found
      }
      return best
    }

    /** Query words: normalised, each with the forms it searches for and their lunr terms. */
    parse(query) {
      const words = []
      const norm = normalize(query, this.t2s)
      const asked = norm.replace(ASKING, " ")
      const written = asked.trim() ? asked : norm // only asking words: search them as written
      for (const word of new Set(written.split(/\s+/))) {
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

    /** The field rank of the strongest field whose value contains form; 0 if none does. */
    rank(doc, form) {
      const fields = this.fieldsOf(doc)
      for (const field of FIELDS)
        if (fields[field].some(value => containsForm(value.norm, form))) return FIELD_RANK[field]
      return 0
    }

    /** Hits in order, grouped by page as Material renders them: [[{doc, item}]]. */
    group(found) {
      const ordered = [...found]
        .map(([ref, hit]) => ({ doc: this.docs.get(ref), hit, score: hit.rank + hit.score / (1 + hit.score) }))
        .sort(
          (a, b) =>
            a.hit.inherited - b.hit.inherited || b.score - a.score || a.doc.ref - b.doc.ref
        )
      const groups = new Map()
      for (const { doc, hit, score } of ordered) {
        const page = doc.location.split("#")[0]
        if (!groups.has(page)) groups.set(page, [])
        groups.get(page).push({ doc, item: this.item(doc, [...hit.forms], score) })
      }
      for (const [page, entries] of groups) {
        const doc = this.docs.get(this.pages.get(page))
        if (doc && !entries.some(({ item }) => item.location === page)) {
          // The page heads its group: Material shows it as the result's link, and takes for it
          // the one entry without '#' or, if none has, the last. The page itself is no match
          // here, so its link opens the best match (notice/#L20), not the top of the page.
          const head = this.item(doc, [], 0)
          head.location = entries[0].item.location
          entries.push({ doc, item: head })
        }
      }
      return [...groups.values()]
    }

    /** Material's SearchItem: title and text as HTML with <mark>s, terms for ?h= on the page. */
    item(doc, forms, score) {
      const fields = this.fieldsOf(doc)
      const title = doc.title ? fields.title[0] : mapped(doc.heading || "", this.t2s)
      const teaser = []
      if (fields.text[0].raw) teaser.push(`<p>${excerpt(fields.text[0], forms)}</p>`)
      for (const field of ["names", "partners", "context"]) {
        const label = (FIELD_LABEL[doc.kind] || {})[field]
        // A task always names its lead units (who is responsible), matched or not; unmatched,
        // the paragraph is marked so that /tasks/, whose results name them anyway, leaves it.
        const always = doc.kind === "task" && field === "names"
        const matched = fields[field].filter(value => forms.some(f => containsForm(value.norm, f)))
        const values = always ? fields[field] : matched
        const attr = always && !matched.length ? " data-fg-lead" : ""
        if (label && values.length)
          teaser.push(
            `<p${attr}>${label}：${values
              .map(v => marked(v.raw, spans(v, forms)))
              .join(field === "context" ? " › " : "、")}</p>`
          )
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

  /** Hits of refs in `within` only. */
  function restrict(hits, within) {
    return new Map([...hits].filter(([ref]) => within.has(ref)))
  }

  /** A parsed JSON file; rejects on an HTTP error, and after TIMEOUT_MS. */
  async function fetchJSON(url, init = {}) {
    const signal = AbortSignal.timeout ? AbortSignal.timeout(TIMEOUT_MS) : undefined
    const response = await fetch(url, { ...init, signal })
    if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`)
    return response.json()
  }

  /**
   * The engine over the index published in `base` (the site's search/ folder, a URL): the
   * manifest is revalidated on every load, so a new build is never missed, and names the
   * build's version, which the other files' URLs carry so the browser may keep them.
   */
  async function open(base, load = fetchJSON) {
    const manifest = await load(new URL(MANIFEST, base), { cache: "no-cache" })
    const version = encodeURIComponent(manifest.version)
    return new Engine(manifest, name => load(new URL(`${FILES}${name}?v=${version}`, base)))
  }

  root.fengong = { FORMAT, normalize, tokenize, queryTerms, tokenHash, shardOf, Engine, open }
})(typeof self !== "undefined" ? self : globalThis)
