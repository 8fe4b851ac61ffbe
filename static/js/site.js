/* Small progressive enhancements; the site works without them. */
;(function () {
  "use strict"
  document.documentElement.classList.add("has-js")

  var toggle = document.querySelector(".menu-toggle")
  var menu = document.getElementById("menu-chinh")
  if (toggle && menu) {
    toggle.hidden = false
    toggle.addEventListener("click", function () {
      var open = toggle.getAttribute("aria-expanded") === "true"
      toggle.setAttribute("aria-expanded", open ? "false" : "true")
    })
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && toggle.getAttribute("aria-expanded") === "true") {
        toggle.setAttribute("aria-expanded", "false")
        toggle.focus()
      }
    })
  }
})()
