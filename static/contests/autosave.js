// Save an answer as soon as it is chosen, by posting the attempt's own form (the same
// request the "Lưu" buttons send without JavaScript). Failures show next to the question.
(function () {
  "use strict";
  var form = document.querySelector("form.contest-attempt[data-autosave='1']");
  if (!form || !window.fetch || !window.FormData) return;
  form.addEventListener("change", function (event) {
    var input = event.target;
    if (input.type !== "radio") return;
    var question = input.closest(".contest-question");
    var status = question && question.querySelector(".contest-saved");
    var data = new FormData(form);
    data.append("luu", input.name.slice(2));
    if (status) status.textContent = "Đang lưu…";
    fetch(form.action || window.location.href, {
      method: "POST",
      body: data,
      credentials: "same-origin",
      headers: { "Accept": "application/json" }
    }).then(function (response) {
      return response.json().then(function (body) {
        if (!status) return;
        status.textContent = response.ok ? "Đã lưu" : (body.errors || ["Chưa lưu được, hãy bấm “Lưu”."]).join(" ");
      });
    }).catch(function () {
      if (status) status.textContent = "Mất kết nối: chưa lưu. Hãy bấm “Lưu” khi có mạng lại.";
    });
  });
})();
