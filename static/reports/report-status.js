// Follows an evaluation report being made: polls its state every few seconds and reloads the
// page once the report is ready or has failed. No framework; see templates/evaluations/report_status.html.
(function () {
  "use strict";
  var EVERY_MS = 3000;
  var GIVE_UP_AFTER = 200; // ten minutes
  document.querySelectorAll("[data-report-status]").forEach(function (panel) {
    if (panel.getAttribute("data-final") === "true") return;
    var tries = 0;
    var timer = window.setInterval(function () {
      tries += 1;
      if (tries > GIVE_UP_AFTER) { window.clearInterval(timer); return; }
      window.fetch(panel.getAttribute("data-report-status"), { credentials: "same-origin", headers: { Accept: "application/json" } })
        .then(function (response) { return response.ok ? response.json() : null; })
        .then(function (data) {
          if (!data) return;
          var state = panel.querySelector("[data-report-state]");
          if (state) state.textContent = data.label;
          if (data.final) { window.clearInterval(timer); window.location.reload(); }
        })
        .catch(function () { /* offline for a moment: the next poll tries again */ });
    }, EVERY_MS);
  });
})();
