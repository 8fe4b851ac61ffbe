/* Campaign page: sort the per-unit table in place when a column header is clicked.
   Without JavaScript the same header links reload the page sorted by the server (?sap_xep=). */
;(function () {
  "use strict"
  var table = document.querySelector(".unit-table")
  if (!table || !table.tBodies.length) return
  var body = table.tBodies[0]
  var headers = Array.prototype.slice.call(table.tHead.rows[0].cells)

  function cellValue(row, index, numeric) {
    var text = row.cells[index].textContent.trim()
    if (!numeric) return text
    var digits = text.replace(/\./g, "")
    return /^\d+$/.test(digits) ? parseInt(digits, 10) : null
  }

  headers.forEach(function (header, index) {
    var link = header.querySelector("a")
    if (!link) return
    var numeric = header.classList.contains("num")
    link.addEventListener("click", function (event) {
      event.preventDefault()
      var current = header.getAttribute("aria-sort")
      var descending = current ? current === "ascending" : numeric
      var rows = Array.prototype.slice.call(body.rows)
      rows.sort(function (a, b) {
        var x = cellValue(a, index, numeric)
        var y = cellValue(b, index, numeric)
        if (x === null || y === null) return (x === null) - (y === null)
        var order = numeric ? x - y : x.localeCompare(y, "vi")
        return descending ? -order : order
      })
      rows.forEach(function (row) { body.appendChild(row) })
      headers.forEach(function (other) { other.removeAttribute("aria-sort") })
      header.setAttribute("aria-sort", descending ? "descending" : "ascending")
      if (window.history && history.replaceState) {
        history.replaceState(null, "", link.getAttribute("href").split("#")[0] + "#theo-don-vi")
      }
      // The link now points at the opposite order, as the server would render it.
      var href = link.getAttribute("href")
      var key = href.replace(/^\?sap_xep=-?/, "").split("#")[0]
      link.setAttribute("href", "?sap_xep=" + (descending ? "" : "-") + key + "#theo-don-vi")
    })
  })
})()
