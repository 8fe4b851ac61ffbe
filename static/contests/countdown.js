// Countdown of an attempt's time left. The server enforces the deadline; this only shows it.
(function () {
  "use strict";
  var node = document.querySelector(".contest-countdown[data-seconds-left]");
  if (!node) return;
  var end = Date.now() + parseInt(node.getAttribute("data-seconds-left"), 10) * 1000;
  function pad(n) { return (n < 10 ? "0" : "") + n; }
  function tick() {
    var left = Math.max(0, Math.round((end - Date.now()) / 1000));
    node.textContent = left > 0 ? "còn " + Math.floor(left / 60) + ":" + pad(left % 60) : "hết giờ";
    if (left <= 60) node.classList.add("contest-countdown--low");
    if (left > 0) window.setTimeout(tick, 1000);
  }
  tick();
})();
