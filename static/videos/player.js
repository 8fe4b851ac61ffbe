/* Click to load (templates/videos/video_detail.html): the page shows our own poster and a link
   to the video on its site; nothing is asked of YouTube or Facebook until the reader clicks.
   The click swaps the poster for the player's iframe (same 16:9 frame: nothing moves) and
   moves focus into it. Without JavaScript the link opens the video on its own site. */
(function () {
  "use strict";

  document.addEventListener("click", function (event) {
    var link = event.target.closest("a[data-player-src]");
    if (!link || event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) {
      return;
    }
    var frame = link.closest("[data-video-frame]");
    if (!frame) {
      return;
    }
    event.preventDefault();
    var player = document.createElement("iframe");
    player.src = link.getAttribute("data-player-src");
    player.title = "Trình phát video: " + (link.getAttribute("data-player-title") || "");
    player.setAttribute("allow", "autoplay; encrypted-media; picture-in-picture; fullscreen");
    player.setAttribute("allowfullscreen", "");
    player.setAttribute("referrerpolicy", "strict-origin-when-cross-origin");
    frame.replaceChildren(player);
    player.focus();
  });
})();
