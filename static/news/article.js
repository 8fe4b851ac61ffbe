/* Article page: count one view (a same-origin POST after load, so page HTML stays
   cacheable). The share bar's "copy link" button is in js/site.js. */
;(function () {
  "use strict"
  var article = document.querySelector("article[data-view-url]")
  var url = article && article.getAttribute("data-view-url")
  if (url) {
    var send = function () {
      try {
        if (navigator.sendBeacon && navigator.sendBeacon(url)) return
      } catch (e) { /* fall through */ }
      if (window.fetch) fetch(url, { method: "POST", credentials: "omit", keepalive: true })
    }
    if (document.visibilityState === "prerender") {
      document.addEventListener("visibilitychange", function once() {
        document.removeEventListener("visibilitychange", once)
        send()
      })
    } else {
      send()
    }
  }
})()
