/* Article page: count one view (a same-origin POST after load, so page HTML stays
   cacheable) and make the "copy link" share button work. */
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
