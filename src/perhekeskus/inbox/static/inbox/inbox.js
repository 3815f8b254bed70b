// Choosing an answer template adds its text to the answer at once. Without JavaScript the
// "Use template" button does the same through the server.
(function () {
  "use strict";
  var data = document.getElementById("template-texts");
  var select = document.getElementById("id_template");
  var answer = document.getElementById("id_text");
  if (!data || !select || !answer) return;
  var texts = JSON.parse(data.textContent);
  var button = document.querySelector("[data-testid=use-template]");
  if (button) button.hidden = true;
  select.addEventListener("change", function () {
    var text = texts[select.value];
    if (!text) return;
    var typed = answer.value.trim();
    answer.value = typed ? typed + "\n\n" + text : text;
    answer.focus();
  });
})();
