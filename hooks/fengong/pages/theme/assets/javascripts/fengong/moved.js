// A page of the single-notice site that moved into the library (pages/redirects.py): go on
// to its new address with the query and #fragment the old link had (notice/#L12), which a
// meta refresh would drop. On the 404 page, the same old path under the moved notice's folder.
(function () {
  "use strict";
  // The new address relative to this one (never the canonical one: a preview served
  // elsewhere than the public address stays where it is).
  var moved = document.querySelector('meta[name="fg-moved-to"]');
  if (moved) {
    var to = new URL(moved.getAttribute("content"), window.location.href);
    window.location.replace(to.href + window.location.search + window.location.hash);
    return;
  }
  document.addEventListener("DOMContentLoaded", function () {
    var box = document.getElementById("fg-moved");
    if (!box) return;
    var root = new URL(box.getAttribute("data-site-root"), window.location.href);
    var path = window.location.pathname;
    if (path.indexOf(root.pathname) !== 0) return;
    var old = path.slice(root.pathname.length);
    if (!old || old.indexOf("notices/") === 0) return;
    var link = box.querySelector("a");
    var moved = new URL(box.getAttribute("data-notice-root") + old, root);
    link.href = moved.href + window.location.search + window.location.hash;
    link.textContent = moved.pathname;
    box.hidden = false;
  });
})();
