// The code in the link's fragment (#...) never reaches the server in an address: this script
// takes it from the fragment, removes it from the address bar and the history, and posts it
// with the form. Without JavaScript the parent types the code into the same form.
(function () {
  "use strict";
  var code = decodeURIComponent((window.location.hash || "").replace(/^#(code=)?/, "")).trim();
  if (!code) { return; }
  var form = document.getElementById("open-form");
  var input = form && form.querySelector("input[name=code]");
  if (!input) { return; }
  history.replaceState(null, "", window.location.pathname + window.location.search);
  input.value = code;
  form.submit();
})();
