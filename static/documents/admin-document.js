// Typing a số ký hiệu proposes the kind and the issuer (where empty) and warns of a likely
// duplicate, asking the admin's recognise view (documents/admin.py). The form proposes the
// same on save, so this is a convenience, not the rule.
(function () {
  "use strict";
  function ready(fn) { if (document.readyState !== "loading") { fn(); } else { document.addEventListener("DOMContentLoaded", fn); } }
  ready(function () {
    var number = document.getElementById("id_number");
    if (!number || !number.dataset.recogniseUrl) { return; }
    var kind = document.getElementById("id_kind");
    var issuer = document.getElementById("id_issuer");
    var note = document.createElement("p");
    note.className = "help document-recognised";
    note.setAttribute("role", "status");
    number.parentNode.appendChild(note);
    var match = window.location.pathname.match(/\/(\d+)\/change\/$/);
    var timer = null;
    function ask() {
      var value = number.value.trim();
      if (!value) { note.textContent = ""; return; }
      var url = number.dataset.recogniseUrl + "?so=" + encodeURIComponent(value) + (match ? "&bo_qua=" + match[1] : "");
      fetch(url, { credentials: "same-origin" }).then(function (response) { return response.json(); }).then(function (data) {
        var parts = [];
        if (data.error) { note.textContent = data.error; return; }
        if (data.kind && kind && !kind.value) { kind.value = data.kind; parts.push("Loại: " + data.kind_name); }
        if (data.issuer && issuer && !issuer.value) { issuer.value = String(data.issuer); parts.push("Cơ quan: " + data.issuer_name); }
        if (parts.length) { parts.unshift("Đã gợi ý theo số ký hiệu."); }
        if (data.duplicates.length) { parts.push("Có thể trùng: " + data.duplicates.join("; ") + "."); }
        note.textContent = parts.join(" ");
      }).catch(function () { note.textContent = ""; });
    }
    number.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(ask, 400); });
    number.addEventListener("change", ask);
  });
})();
