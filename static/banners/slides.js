/* Header slides: rotate every few seconds, pause on hover/focus, buttons and arrow keys.
   No automatic rotation when the reader prefers reduced motion. */
;(function () {
  "use strict"
  var root = document.querySelector("[data-slides]")
  if (!root) return
  var slides = Array.prototype.slice.call(root.querySelectorAll(".slide"))
  var controls = root.querySelector(".slides-controls")
  if (slides.length < 2 || !controls) return

  var interval = parseInt(root.getAttribute("data-interval"), 10) || 6000
  var reduce = window.matchMedia ? window.matchMedia("(prefers-reduced-motion: reduce)") : null
  var pauseButton = root.querySelector(".slides-pause")
  var current = 0
  var timer = null
  var hovering = false
  var focused = false
  var stopped = !!(reduce && reduce.matches)

  function warm(index) {
    // Let the browser fetch the next photo before it is shown.
    var img = slides[index].querySelector("img")
    if (img && img.loading === "lazy") img.loading = "eager"
  }

  function show(index) {
    current = (index + slides.length) % slides.length
    slides.forEach(function (slide, i) {
      var active = i === current
      slide.hidden = !active
      slide.classList.toggle("is-active", active)
    })
    warm((current + 1) % slides.length)
  }

  function running() {
    return !stopped && !hovering && !focused
  }

  function schedule() {
    window.clearTimeout(timer)
    timer = null
    if (running()) {
      timer = window.setTimeout(function () {
        show(current + 1)
        schedule()
      }, interval)
    }
  }

  function renderPause() {
    pauseButton.setAttribute("aria-pressed", stopped ? "true" : "false")
    var label = stopped ? "Tiếp tục tự chuyển ảnh" : "Dừng tự chuyển ảnh"
    pauseButton.setAttribute("aria-label", label)
    pauseButton.title = label
    pauseButton.firstElementChild.textContent = stopped ? "▶" : "❚❚"
    root.classList.toggle("is-stopped", stopped)
  }

  root.querySelector(".slides-prev").addEventListener("click", function () {
    show(current - 1)
    schedule()
  })
  root.querySelector(".slides-next").addEventListener("click", function () {
    show(current + 1)
    schedule()
  })
  pauseButton.addEventListener("click", function () {
    stopped = !stopped
    renderPause()
    schedule()
  })
  root.addEventListener("keydown", function (event) {
    if (event.key === "ArrowLeft") {
      show(current - 1)
      schedule()
    } else if (event.key === "ArrowRight") {
      show(current + 1)
      schedule()
    }
  })
  root.addEventListener("mouseenter", function () {
    hovering = true
    schedule()
  })
  root.addEventListener("mouseleave", function () {
    hovering = false
    schedule()
  })
  root.addEventListener("focusin", function () {
    focused = true
    schedule()
  })
  root.addEventListener("focusout", function (event) {
    if (!root.contains(event.relatedTarget)) {
      focused = false
      schedule()
    }
  })
  if (reduce) {
    var onChange = function () {
      if (reduce.matches) {
        stopped = true
        renderPause()
        schedule()
      }
    }
    if (reduce.addEventListener) reduce.addEventListener("change", onChange)
    else if (reduce.addListener) reduce.addListener(onChange)
  }

  controls.hidden = false
  root.classList.add("is-enhanced")
  renderPause()
  warm(1)
  schedule()
})()
