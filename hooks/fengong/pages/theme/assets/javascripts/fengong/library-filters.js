/*
 * fengong: the filters of a library's home page (year, issuer, topic), which keep their state
 * in the address (?year=2018&issuer=…), as /tasks/ does: a filtered list can be linked to.
 * Without JavaScript every notice is listed. A file rather than an inline script, so that
 * the pages' Content-Security-Policy (hooks/fengong/pages/csp.py) allows it as the site's own;
 * run on every page Material shows (instant navigation), doing nothing where there is no form.
 */
;(function () {
  "use strict"

  function setUp() {
    var form = document.querySelector("[data-fg-library-filters]");
    if (!form) return;
    var rows = document.querySelectorAll("[data-fg-library] tbody tr");
    var count = form.querySelector("[data-fg-library-count]");
    function apply(push) {
      var params = new URLSearchParams(), shown = 0;
      form.querySelectorAll("select").forEach(function (s) { if (s.value) params.set(s.name, s.value); });
      rows.forEach(function (row) {
        var ok = (!params.get("year") || row.dataset.year === params.get("year")) &&
          (!params.get("issuer") || row.dataset.issuer === params.get("issuer")) &&
          (!params.get("topic") || row.dataset.topics.split(" ").indexOf(params.get("topic")) >= 0);
        row.hidden = !ok;
        if (ok) shown += 1;
      });
      count.textContent = "共 " + shown + " 份";
      if (push) {
        var query = params.toString();
        history.replaceState(null, "", location.pathname + (query ? "?" + query : ""));
      }
    }
    var start = new URLSearchParams(location.search);
    form.querySelectorAll("select").forEach(function (s) {
      var wanted = start.get(s.name);
      if (wanted && Array.prototype.some.call(s.options, function (o) { return o.value === wanted; })) s.value = wanted;
      s.addEventListener("change", function () { apply(true); });
    });
    form.addEventListener("submit", function (e) { e.preventDefault(); });
    apply(false);
  }

  if (window.document$) window.document$.subscribe(setUp)
  else setUp()
})()
