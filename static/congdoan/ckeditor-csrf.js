/* CKEditor 4 sends CKEDITOR.tools.getCsrfToken() as "ckCsrfToken" with every upload
   (dialog form and drag-and-drop). Hand it Django's CSRF token so the upload view can
   enforce Django's CSRF check instead of being csrf_exempt. */
;(function () {
  function djangoToken() {
    var input = document.querySelector("input[name=csrfmiddlewaretoken]")
    if (input) return input.value
    var match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/)
    return match ? decodeURIComponent(match[1]) : ""
  }
  function patch() {
    if (!window.CKEDITOR || !CKEDITOR.tools) return setTimeout(patch, 50)
    CKEDITOR.tools.getCsrfToken = djangoToken
  }
  patch()
})()
