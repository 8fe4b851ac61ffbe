/* Small progressive enhancements; the site works without them. */
;(function () {
  "use strict"

  // Phones and tablets: the menu (sections and search) opens from the header's button.
  // The button is shown by CSS only when scripts run (@media (scripting: enabled)).
  var header = document.querySelector(".site-header")
  var toggle = document.querySelector(".menu-toggle")
  var menu = document.getElementById("menu-chinh")
  if (header && toggle && menu) {
    var setOpen = function (open) {
      toggle.setAttribute("aria-expanded", open ? "true" : "false")
      header.classList.toggle("menu-open", open)
    }
    toggle.hidden = false
    toggle.addEventListener("click", function () {
      setOpen(toggle.getAttribute("aria-expanded") !== "true")
    })
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && toggle.getAttribute("aria-expanded") === "true") {
        setOpen(false)
        toggle.focus()
      }
    })
    // Growing into the desktop layout (rotating a tablet) leaves no menu stuck open.
    var wide = window.matchMedia ? window.matchMedia("(min-width: 1260px)") : null
    if (wide && wide.addEventListener) {
      wide.addEventListener("change", function () { if (wide.matches) setOpen(false) })
    }
  }

  // Ticker: a button stops the motion and shows every item at once (WCAG 2.2.2); the choice
  // is kept for the rest of the visit (sessionStorage: unlike localStorage it costs no disk
  // read on every page load). Reduced-motion readers get the static list from CSS.
  var ticker = document.querySelector(".ticker")
  var stop = ticker && ticker.querySelector(".ticker-toggle")
  if (stop) {
    var KEY = "congdoan-ticker-static"
    var remembered = function () {
      try { return window.sessionStorage.getItem(KEY) === "1" } catch (e) { return false }
    }
    var setStatic = function (on, remember) {
      stop.setAttribute("aria-pressed", on ? "true" : "false")
      stop.title = on ? "Cho chữ chạy lại" : "Dừng chữ chạy, hiện cả băng chữ"
      ticker.classList.toggle("is-static", on)
      if (remember) {
        try {
          if (on) window.sessionStorage.setItem(KEY, "1")
          else window.sessionStorage.removeItem(KEY)
        } catch (e) { /* private mode: not remembered */ }
      }
    }
    stop.hidden = false
    setStatic(remembered(), false)
    stop.addEventListener("click", function () {
      setStatic(stop.getAttribute("aria-pressed") !== "true", true)
    })
  }

  // Share bar (includes/share.html): the "copy link" button exists only where the clipboard does.
  var copy = document.querySelector("[data-copy-url]")
  var status = document.querySelector(".share-status")
  if (copy && navigator.clipboard) {
    copy.hidden = false
    copy.addEventListener("click", function () {
      navigator.clipboard.writeText(copy.getAttribute("data-copy-url")).then(
        function () { if (status) status.textContent = "Đã sao chép liên kết." },
        function () { if (status) status.textContent = "Không sao chép được; hãy chép địa chỉ trên thanh trình duyệt." }
      )
    })
  }
})()
