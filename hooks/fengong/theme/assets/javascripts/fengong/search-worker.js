/*
 * fengong's search worker, in place of Material's (main.html points __config.search here).
 *
 * It speaks Material's protocol, so the search box, result list, highlighting and keyboard
 * use stay Material's: messages {type, data} with type SETUP 0, READY 1, QUERY 2, RESULT 3.
 * The page sends SETUP with Material's own index (kept empty, see main.html) and then a QUERY
 * per change of the query; we answer READY once our index is loaded, and a RESULT
 * ({items: SearchItem[][]}) per QUERY.
 */
importScripts("lunr.min.js", "search-core.js")

const SETUP = 0
const READY = 1
const QUERY = 2
const RESULT = 3

// search.py's index_files publishes the index at <site>/search/; this file is served from
// <site>/assets/javascripts/fengong/. "no-cache" revalidates, so a new build is never stale.
const INDEX_URL = new URL("../../../search/fengong-index.json", self.location.href)

// Start loading at once: the page creates the worker on load but sends SETUP a little later.
const engine = fetch(INDEX_URL, { cache: "no-cache" })
  .then(response => {
    if (!response.ok) throw new Error(`${INDEX_URL}: HTTP ${response.status}`)
    return response.json()
  })
  .then(data => new self.fengong.Engine(data))
engine.catch(() => {}) // reported when SETUP awaits it, not as an unhandled rejection

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
    case QUERY:
      try {
        postMessage({ type: RESULT, data: (await engine).search(message.data) })
      } catch (err) {
        console.warn(`fengong search: query failed: ${message.data}`, err)
        postMessage({ type: RESULT, data: { items: [] } })
      }
      break
  }
})
