/* Vietnamese-aware slugs for the admin's prepopulated slug fields.
   Django's URLify turns "Đ" into "dj" and drops letters such as "ồ", "ư", "ỷ";
   this replacement removes the marks and maps đ/Đ to d, like congdoan.text.vietnamese_slugify. */
;(function () {
  "use strict"
  function vietnameseUrlify(text, maxLength) {
    var slug = String(text || "")
      .normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "")
      .replace(/[đĐ]/g, "d")
      .toLowerCase()
      .replace(/[^a-z0-9\s-]/g, " ")
      .trim()
      .replace(/[\s-]+/g, "-")
    if (maxLength && slug.length > maxLength) {
      slug = slug.slice(0, maxLength).replace(/-[^-]*$/, "") || slug.slice(0, maxLength)
    }
    return slug.replace(/^-+|-+$/g, "")
  }
  // Django's urlify.js may load after this file; its prepopulate.js looks URLify up on
  // every keystroke, so replacing it once the page is parsed is enough.
  window.URLify = vietnameseUrlify
  document.addEventListener("DOMContentLoaded", function () { window.URLify = vietnameseUrlify })
})()
