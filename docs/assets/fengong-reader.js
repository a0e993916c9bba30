// For readers: the large-type switch (大字版) in the header, and the print date and print
// button of a task sheet. main.html applies a remembered choice before the first paint; this file keeps the
// switch and the page in step, on every page Material's instant navigation brings in.
(function () {
  var KEY = "fengong.large";
  var root = document.documentElement;

  function remembered() {
    try {
      return localStorage.getItem(KEY) === "1";
    } catch (e) {
      return false; // storage blocked: the switch still works for this page
    }
  }

  function show(large) {
    root.classList.toggle("fg-large", large);
    document.querySelectorAll(".fg-large-switch").forEach(function (button) {
      button.setAttribute("aria-pressed", large ? "true" : "false");
      button.title = large ? "恢复标准字号" : "放大字号（大字版）";
    });
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest(".fg-large-switch");
    if (!button) return;
    var large = !root.classList.contains("fg-large");
    try {
      localStorage.setItem(KEY, large ? "1" : "0");
    } catch (e) {
      /* not remembered, still shown */
    }
    show(large);
  });

  // The day the sheet is printed, in the reader's browser: the built page holds no date of
  // its own, so the same data always builds the same bytes.
  function stamp() {
    var now = new Date();
    var text = now.getFullYear() + "年" + (now.getMonth() + 1) + "月" + now.getDate() + "日";
    document.querySelectorAll("[data-fg-print-date]").forEach(function (el) {
      el.textContent = text;
    });
  }
  window.addEventListener("beforeprint", stamp);

  // A sheet's print button (hidden without this script): a phone has no Ctrl+P.
  document.addEventListener("click", function (event) {
    if (event.target.closest && event.target.closest("[data-fg-print]")) window.print();
  });

  // The paragraph a link or a search hit opens (notice/#L20) is marked: with instant
  // navigation the address changes by pushState, which CSS :target does not see.
  function cite() {
    document.querySelectorAll(".fg-cited").forEach(function (el) {
      el.classList.remove("fg-cited");
    });
    var id = decodeURIComponent(location.hash.slice(1));
    var target = /^L\d+$/.test(id) && document.getElementById(id);
    if (target) target.classList.add("fg-cited");
  }
  window.addEventListener("hashchange", cite);

  function onPage() {
    show(root.classList.contains("fg-large") || remembered());
    stamp();
    cite();
    document.querySelectorAll("[data-fg-print]").forEach(function (button) {
      button.hidden = false;
    });
  }
  if (typeof document$ !== "undefined") {
    document$.subscribe(onPage);
  } else {
    document.addEventListener("DOMContentLoaded", onPage);
  }
})();
