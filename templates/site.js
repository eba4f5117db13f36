/* The disclosure log's filter box and column sorting. Without this script the table is
   complete and in date order; with it, readers can narrow and reorder it. Cells hold a
   label (shown on narrow screens) and a value: only values are matched and sorted. */
(function () {
  "use strict";
  var table = document.getElementById("responses");
  if (!table || !table.tBodies.length) { return; }
  var body = table.tBodies[0];
  var rows = Array.prototype.slice.call(body.rows);
  var headers = Array.prototype.slice.call(table.tHead.rows[0].cells);
  var box = document.querySelector(".filter");
  var input = document.getElementById("filter");
  var count = document.getElementById("filter-count");

  function show(shown) {
    count.textContent = shown + " of " + rows.length + (rows.length === 1 ? " response" : " responses") + " shown";
  }

  function value(cell) {
    return cell.querySelector(".cell-value") || cell;
  }

  function rowText(row) {
    return Array.prototype.map.call(row.cells, function (cell) { return value(cell).textContent; }).join(" ");
  }

  box.hidden = false;
  table.classList.add("sortable");
  show(rows.length);
  input.addEventListener("input", function () {
    var words = input.value.toLowerCase().split(/\s+/).filter(Boolean);
    var shown = 0;
    rows.forEach(function (row) {
      var text = rowText(row).toLowerCase();
      var match = words.every(function (word) { return text.indexOf(word) !== -1; });
      row.hidden = !match;
      if (match) { shown += 1; }
    });
    show(shown);
  });

  function key(cell) {
    var time = cell.querySelector("time");
    return time ? time.getAttribute("datetime") : value(cell).textContent.trim().toLowerCase();
  }

  headers.forEach(function (header, index) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = "sort";
    button.textContent = header.textContent;
    header.textContent = "";
    header.appendChild(button);
    button.addEventListener("click", function () {
      var ascending = header.getAttribute("aria-sort") !== "ascending";
      headers.forEach(function (other) { other.removeAttribute("aria-sort"); });
      header.setAttribute("aria-sort", ascending ? "ascending" : "descending");
      rows.sort(function (a, b) {
        var x = key(a.cells[index]);
        var y = key(b.cells[index]);
        return (x < y ? -1 : x > y ? 1 : 0) * (ascending ? 1 : -1);
      });
      rows.forEach(function (row) { body.appendChild(row); });
    });
  });
}());
