// The print view's "In lịch" button: shown only when scripts run (printing works without it).
(function () {
  "use strict";
  var button = document.querySelector(".print-button");
  if (!button) return;
  button.hidden = false;
  button.addEventListener("click", function () { window.print(); });
})();
