/* Lightbox of an album page (templates/albums/includes/lightbox.html), no framework.
   - A photo link opens the large photo in a native modal <dialog>: the page behind is inert,
     Tab and Shift+Tab go round its buttons, Esc closes. Ctrl/Cmd/Shift-click or a middle click still open the link.
   - Arrow keys, Home/End, the ‹ › buttons and a horizontal swipe move between photos.
   - On closing, focus returns to the link of the photo last shown (the page scrolls to it
     only if it is out of view).
   - The photo's width/height are set before its source, so its box never jumps; captions
     keep a fixed height. Without JavaScript, or without <dialog>, the links open the photo. */
(function () {
  "use strict";

  var grid = document.querySelector("[data-lightbox]");
  var dialog = document.getElementById("lightbox");
  if (!grid || !dialog || typeof dialog.showModal !== "function") {
    return;
  }
  var links = Array.prototype.slice.call(grid.querySelectorAll("a[data-lightbox-item]"));
  if (!links.length) {
    return;
  }
  var image = dialog.querySelector(".lightbox-img");
  var source = dialog.querySelector("source");
  var captionText = dialog.querySelector(".lightbox-caption-text");
  var credit = dialog.querySelector(".lightbox-credit");
  var counter = dialog.querySelector(".lightbox-counter");
  var closeButton = dialog.querySelector(".lightbox-close");
  var current = 0;
  var SWIPE_MIN = 50; // px: shorter drags are taps or scroll jitter

  function at(index) {
    return (index + links.length) % links.length; // the last photo leads back to the first
  }

  function preload(link) {
    var next = new Image();
    next.sizes = "100vw";
    next.srcset = link.getAttribute("data-jpg");
    next.src = link.getAttribute("href");
  }

  function show(index) {
    current = at(index);
    var link = links[current];
    image.removeAttribute("loading");
    image.width = Number(link.getAttribute("data-width")) || image.width;
    image.height = Number(link.getAttribute("data-height")) || image.height;
    source.srcset = link.getAttribute("data-webp");
    image.srcset = link.getAttribute("data-jpg");
    image.src = link.getAttribute("href");
    image.alt = link.getAttribute("data-alt") || "";
    captionText.textContent = link.getAttribute("data-caption") || "";
    credit.textContent = link.getAttribute("data-credit") || "";
    counter.textContent = "Ảnh " + (current + 1) + "/" + links.length;
    if (links.length > 1) {
      preload(links[at(current + 1)]);
    }
  }

  function open(index) {
    show(index);
    dialog.showModal();
    closeButton.focus();
  }

  grid.addEventListener("click", function (event) {
    var link = event.target.closest("a[data-lightbox-item]");
    if (!link || event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) {
      return;
    }
    event.preventDefault();
    open(links.indexOf(link));
  });

  dialog.querySelector(".lightbox-prev").addEventListener("click", function () {
    show(current - 1);
  });
  dialog.querySelector(".lightbox-next").addEventListener("click", function () {
    show(current + 1);
  });
  closeButton.addEventListener("click", function () {
    dialog.close();
  });

  dialog.addEventListener("keydown", function (event) {
    if (event.key === "Tab") {
      // Round and round the dialog's buttons: focus never leaves for the browser's own bar.
      var buttons = Array.prototype.slice.call(dialog.querySelectorAll("button"));
      var last = buttons[buttons.length - 1];
      if (!event.shiftKey && document.activeElement === last) {
        event.preventDefault();
        buttons[0].focus();
      } else if (event.shiftKey && document.activeElement === buttons[0]) {
        event.preventDefault();
        last.focus();
      }
      return;
    }
    var moves = { ArrowLeft: current - 1, ArrowRight: current + 1, Home: 0, End: links.length - 1 };
    if (Object.prototype.hasOwnProperty.call(moves, event.key) && !event.altKey && !event.ctrlKey && !event.metaKey) {
      event.preventDefault();
      show(moves[event.key]);
    }
  });

  // A click on the dark area around the photo (not on the photo, caption or buttons) closes.
  dialog.addEventListener("click", function (event) {
    if (event.target === dialog || event.target.classList.contains("lightbox-stage")) {
      dialog.close();
    }
  });

  dialog.addEventListener("close", function () {
    links[current].focus();
  });

  var start = null;
  dialog.addEventListener("pointerdown", function (event) {
    start = event.pointerType === "mouse" ? null : { x: event.clientX, y: event.clientY };
  });
  dialog.addEventListener("pointercancel", function () {
    start = null;
  });
  dialog.addEventListener("pointerup", function (event) {
    if (!start) {
      return;
    }
    var dx = event.clientX - start.x;
    var dy = event.clientY - start.y;
    start = null;
    if (Math.abs(dx) >= SWIPE_MIN && Math.abs(dx) > Math.abs(dy) * 1.5) {
      show(dx < 0 ? current + 1 : current - 1);
    }
  });
})();
