// Save an answer as soon as it is chosen: one question's choice, posted to the attempt's save
// address with the attempt token the page carries (contests/tokens.py). Without JavaScript the
// "Lưu" buttons post the whole form instead. Failures show next to the question.
(function () {
  "use strict";
  var form = document.querySelector("form.contest-attempt[data-autosave='1']");
  if (!form || !window.fetch || !window.URLSearchParams) return;
  var url = form.getAttribute("data-save-url");
  var token = form.getAttribute("data-token");
  if (!url || !token) return;
  // One save at a time, in the order chosen: two quick clicks never land last-first.
  var queue = Promise.resolve();
  form.addEventListener("change", function (event) {
    var input = event.target;
    if (input.type !== "radio") return;
    var question = input.closest(".contest-question");
    var status = question && question.querySelector(".contest-saved");
    var data = new URLSearchParams();
    data.append(input.name, input.value);
    if (status) status.textContent = "Đang lưu…";
    queue = queue.then(function () {
      return fetch(url, {
        method: "POST",
        body: data,
        credentials: "omit",
        headers: { "Accept": "application/json", "X-Attempt-Token": token }
      });
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
