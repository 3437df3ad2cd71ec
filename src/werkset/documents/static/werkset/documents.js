// Follows a document being made (or a workbook being read, which marks the end with
// data-done): asks for its state until it is ready or failed, and
// replaces the text in the live region (aria-live="polite") only when it changed, so a
// screen reader announces each new state once. Without JavaScript the page has a link
// to refresh it.
(function () {
  "use strict";
  var region = document.querySelector("[data-poll-url]");
  if (!region) {
    return;
  }
  var url = region.getAttribute("data-poll-url");
  var seconds = Number(region.getAttribute("data-poll-seconds")) || 2;
  var failures = 0;

  function done() {
    var state = region.querySelector("[data-state]");
    var value = state ? state.getAttribute("data-state") : "";
    return value === "ready" || value === "failed" || (state && state.hasAttribute("data-done"));
  }

  function schedule() {
    if (!done()) {
      window.setTimeout(ask, Math.min(seconds * 1000 * Math.pow(2, failures), 30000));
    }
  }

  function ask() {
    fetch(url, { credentials: "same-origin", headers: { Accept: "text/html" } })
      .then(function (response) {
        if (!response.ok) {
          throw new Error(String(response.status));
        }
        return response.text();
      })
      .then(function (html) {
        failures = 0;
        var fresh = new DOMParser().parseFromString(html, "text/html").body.firstElementChild;
        var current = region.querySelector("[data-state]");
        if (fresh && current && fresh.outerHTML !== current.outerHTML) {
          current.replaceWith(document.importNode(fresh, true));
        }
      })
      .catch(function () {
        failures += 1;
      })
      .then(schedule);
  }

  schedule();
})();
