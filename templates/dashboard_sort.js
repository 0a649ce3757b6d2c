(function () {
  "use strict";
  // Sorting: click (or Enter/Space on) a column header of a table.sortable; again to reverse.
  function key(cell, numeric) {
    var raw = cell.hasAttribute("data-value") ? cell.getAttribute("data-value") : cell.textContent.trim();
    if (!numeric) { return raw; }
    var n = parseFloat(raw);
    return isNaN(n) ? -Infinity : n;
  }
  function sortBy(table, th, col) {
    var numeric = th.getAttribute("data-sort") === "num";
    var ascending = th.getAttribute("aria-sort") !== "ascending";
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (a, b) {
      var x = key(a.cells[col], numeric), y = key(b.cells[col], numeric);
      var d = numeric ? (x < y ? -1 : x > y ? 1 : 0) : String(x).localeCompare(String(y), "zh");
      return ascending ? d : -d;
    });
    rows.forEach(function (r) { body.appendChild(r); });
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (h) { h.removeAttribute("aria-sort"); });
    th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
  }
  Array.prototype.forEach.call(document.querySelectorAll("table.sortable"), function (table) {
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, col) {
      if (!th.hasAttribute("data-sort")) { return; }
      th.tabIndex = 0;
      th.addEventListener("click", function () { sortBy(table, th, col); });
      th.addEventListener("keydown", function (e) { if (e.key === "Enter" || e.key === " ") { e.preventDefault(); sortBy(table, th, col); } });
    });
  });

  // Filtering: each select narrows every row (tr.frow) to those whose data-<name> equals
  // its value; "" is all. The form stays hidden when this script does not run, so no
  // control is shown that does nothing.
  var form = document.getElementById("filters");
  if (!form) { return; }
  var selects = Array.prototype.slice.call(form.querySelectorAll("select[data-filter]"));
  var rows = Array.prototype.slice.call(document.querySelectorAll("tr.frow"));
  var status = document.getElementById("filter-status");
  function matches(row) {
    return selects.every(function (s) { return s.value === "" || row.getAttribute("data-" + s.name) === s.value; });
  }
  function apply() {
    var shown = 0, total = 0;
    rows.forEach(function (row) {
      var ok = matches(row);
      row.hidden = !ok;
      if (row.hasAttribute("data-report")) { total += 1; shown += ok ? 1 : 0; }
    });
    // A table left empty says so; an edition with no report left is hidden whole.
    Array.prototype.forEach.call(document.querySelectorAll("table"), function (table) {
      var note = table.nextElementSibling;
      if (!note || !note.classList.contains("empty-after-filter")) { return; }
      note.hidden = table.querySelector("tr.frow:not([hidden])") !== null;
    });
    Array.prototype.forEach.call(document.querySelectorAll("section.edition"), function (section) {
      var own = section.querySelectorAll("tr.frow");
      section.hidden = own.length > 0 && section.querySelector("tr.frow:not([hidden])") === null;
    });
    var filtering = selects.some(function (s) { return s.value !== ""; });
    status.textContent = filtering ? "显示 " + shown + " / " + total + " 份报告" : "";
  }
  selects.forEach(function (s) { s.addEventListener("change", apply); });
  form.addEventListener("reset", function () { setTimeout(apply, 0); });
  form.addEventListener("submit", function (e) { e.preventDefault(); });
  form.hidden = false;
})();
