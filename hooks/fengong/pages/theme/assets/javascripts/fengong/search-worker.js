/*
 * fengong's search worker, in place of Material's (main.html points __config.search here).
 *
 * It speaks Material's protocol, so the search box, result list, highlighting and keyboard
 * use stay Material's: messages {type, data} with type SETUP 0, READY 1, QUERY 2, RESULT 3.
 * The page sends SETUP with Material's own index (kept empty, see main.html) and then a QUERY
 * per change of the query; we answer READY once our index's manifest is loaded, and a RESULT
 * ({items: SearchItem[][]}) per QUERY, after loading the parts of the index it needs.
 */
importScripts("lunr.min.js", "search-core.js")

const SETUP = 0
const READY = 1
const QUERY = 2
const RESULT = 3

// search.py's index_files publishes the index in <site>/search/; this file is served from
// <site>/assets/javascripts/fengong/.
const SEARCH = new URL("../../../search/", self.location.href)

// Start loading at once: the page creates the worker on load but sends SETUP a little later.
const engine = self.fengong.open(SEARCH)
engine.catch(() => {}) // reported when SETUP awaits it, not as an unhandled rejection

// Queries are answered as their files arrive, so an older one may finish after a newer one:
// only the newest query's result is posted (Material shows every RESULT it receives).
let latest = 0

addEventListener("message", async ({ data: message }) => {
  switch (message.type) {
    case SETUP:
      try {
        await engine
        postMessage({ type: READY })
      } catch (err) {
        // Without READY the search box keeps saying it is initialising: better than no answer.
        console.error("fengong search: cannot load the index", err)
      }
      break
    case QUERY: {
      const query = ++latest
      let data = { items: [] }
      try {
        data = await (await engine).search(message.data)
      } catch (err) {
        console.warn(`fengong search: query failed: ${message.data}`, err)
      }
      if (query === latest) postMessage({ type: RESULT, data })
      break
    }
  }
})
