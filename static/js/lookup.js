// Suggestions for inputs with data-lookup="<url>" and list="<datalist id>": after a pause in
// typing, ask the URL for ?q=<text> and fill the datalist with its {"results": [{value, label}]}.
// Small on purpose: the page works without it, and a slow connection makes one request per pause.
(function () {
  "use strict";
  var PAUSE_MS = 250;
  document.querySelectorAll("input[data-lookup][list]").forEach(function (input) {
    var list = document.getElementById(input.getAttribute("list"));
    if (!list || !window.fetch) return;
    var timer = null;
    var asked = "";
    input.addEventListener("input", function () {
      window.clearTimeout(timer);
      var text = input.value.trim();
      if (text.length < 2 || text === asked) return;
      timer = window.setTimeout(function () {
        asked = text;
        fetch(input.dataset.lookup + "?q=" + encodeURIComponent(text), {
          credentials: "same-origin",
          headers: { Accept: "application/json" },
        })
          .then(function (response) { return response.ok ? response.json() : { results: [] }; })
          .then(function (data) {
            var options = (data.results || []).map(function (item) {
              var option = document.createElement("option");
              option.value = item.value;
              option.label = item.label;
              option.textContent = item.label;
              return option;
            });
            list.replaceChildren.apply(list, options);
          })
          .catch(function () { /* no suggestions: the box still takes what is typed */ });
      }, PAUSE_MS);
    });
  });
})();
