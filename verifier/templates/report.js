/* Filter the documents section by status and words. Without this script the report is complete. */
(function () {
  "use strict";
  var bar = document.getElementById("filters");
  if (!bar) { return; }
  var show = document.getElementById("filter-status");
  var search = document.getElementById("filter-search");
  var count = document.getElementById("filter-count");
  var docs = Array.prototype.slice.call(document.querySelectorAll("[data-filter-doc]"));
  var items = Array.prototype.slice.call(document.querySelectorAll("[data-filter-item]"));
  var texts = new Map();
  items.forEach(function (el) {
    var doc = el.closest("[data-filter-doc]");
    var head = doc ? doc.querySelector("[data-filter-head]") : null;
    texts.set(el, ((head ? head.textContent : "") + " " + el.textContent).toLowerCase());
  });

  function wanted(el, choice) {
    if (!choice) { return true; }
    if (choice === "failing") { return el.dataset.failing === "1"; }
    var parts = choice.split(":");
    return el.dataset.kind === parts[0] && el.dataset.status === parts[1];
  }

  function apply() {
    var choice = show.value;
    var words = search.value.toLowerCase().split(/\s+/).filter(Boolean);
    var shown = { quote: 0, citation: 0 }, total = { quote: 0, citation: 0 };
    items.forEach(function (el) {
      var text = texts.get(el);
      var ok = wanted(el, choice) && words.every(function (w) { return text.indexOf(w) !== -1; });
      el.hidden = !ok;
      total[el.dataset.kind] += 1;
      if (ok) { shown[el.dataset.kind] += 1; }
    });
    var docsShown = 0;
    docs.forEach(function (doc) {
      var any = doc.querySelector("[data-filter-item]:not([hidden])") !== null;
      var filtering = choice !== "" || words.length > 0;
      doc.hidden = filtering && !any;
      doc.querySelectorAll("[data-filter-group]").forEach(function (group) {
        group.hidden = filtering && group.querySelector("[data-filter-item]:not([hidden])") === null;
      });
      if (!doc.hidden) { docsShown += 1; }
    });
    count.textContent = "Showing " + shown.quote + " of " + total.quote + " quotes and " +
      shown.citation + " of " + total.citation + " citations in " + docsShown + " of " +
      docs.length + " documents.";
  }

  show.addEventListener("change", apply);
  search.addEventListener("input", apply);
  bar.addEventListener("submit", function (event) { event.preventDefault(); apply(); });
  window.addEventListener("beforeprint", function () {
    document.querySelectorAll("details:not([open])").forEach(function (d) {
      d.setAttribute("open", "");
      d.dataset.printOpened = "1";
    });
  });
  window.addEventListener("afterprint", function () {
    document.querySelectorAll("details[data-print-opened]").forEach(function (d) {
      d.removeAttribute("open");
      delete d.dataset.printOpened;
    });
  });
  bar.hidden = false;
  apply();
})();
