// Sortable tables (tablesort, shipped with the site) on pages that ask for them with a
// <div class="fg-sortable"> around the table. Re-run on every instant-navigation page.
document$.subscribe(function () {
  document.querySelectorAll(".fg-sortable table").forEach(function (table) {
    if (!table.dataset.sortable) {
      table.dataset.sortable = "1";
      new Tablesort(table);
    }
  });
});
