/* Filter, search and sort the documents section; the choice is kept in the address (#show=…&q=…
   &sort=…) so a reload keeps it and a reviewer can send it to a colleague. Without this script
   the report is complete. */
(function () {
  "use strict";
  var bar = document.getElementById("filters");
  if (!bar) { return; }
  var show = document.getElementById("filter-status");
  var search = document.getElementById("filter-search");
  var sort = document.getElementById("filter-sort");
  var printShown = document.getElementById("print-shown");
  var count = document.getElementById("filter-count");
  var docs = Array.prototype.slice.call(document.querySelectorAll("[data-filter-doc]"));
  var items = Array.prototype.slice.call(document.querySelectorAll("[data-filter-item]"));
  // Verdicts needing attention first, then those a person must judge, then the confirmed.
  var ORDER = ["not_found", "source_unavailable", "partial", "dead", "soft_404", "blocked",
               "error", "invalid", "unchecked", "cross_language", "unsourced", "named",
               "skipped", "verified_archive", "redirected", "verified", "ok"];

  // Accents, letter forms and apostrophe shapes do not count: "Jose" finds "José", "we're"
  // finds "we’re".
  function fold(text) {
    return text.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase()
      .replace(/[\u2018\u2019\u201b\u02bc\u2032`]/g, "'").replace(/[\u201c\u201d\u201e\u2033]/g, '"');
  }

  var texts = new Map(), place = new Map();
  items.forEach(function (el, i) {
    var doc = el.closest("[data-filter-doc]");
    var head = doc ? doc.querySelector("[data-filter-head]") : null;
    texts.set(el, fold((head ? head.textContent : "") + " " + el.textContent));
    place.set(el, i);
  });

  function wanted(el, choice) {
    if (!choice) { return true; }
    if (choice === "failing") { return el.dataset.failing === "1"; }
    if (choice === "changed") { return el.dataset.changed === "1"; }
    var parts = choice.split(":");
    return el.dataset.kind === parts[0] && el.dataset.status === parts[1];
  }

  function rank(el) {
    var at = ORDER.indexOf(el.dataset.status);
    return (el.dataset.failing === "1" ? 0 : 1) * 1000 + (at < 0 ? ORDER.length : at);
  }

  var arranged = "";  // the order the lists are in now; moving items costs, so only on change

  function arrange() {
    if (sort.value === arranged) { return; }
    arranged = sort.value;
    var byVerdict = sort.value === "verdict";
    document.querySelectorAll("ol.items").forEach(function (list) {
      var children = Array.prototype.slice.call(list.children);
      children.sort(function (a, b) {
        return (byVerdict ? rank(a) - rank(b) : 0) || place.get(a) - place.get(b);
      });
      children.forEach(function (el) { list.appendChild(el); });
    });
  }

  function apply() {
    var choice = show.value;
    var words = fold(search.value).split(/\s+/).filter(Boolean);
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
    arrange();
    count.textContent = "Showing " + shown.quote + " of " + total.quote + " quotes and " +
      shown.citation + " of " + total.citation + " citations in " + docsShown + " of " +
      docs.length + " documents.";
  }

  // The address: "#show=…&q=…&sort=…" is a state; any other fragment (#q-12) is a place.
  function isState(hash) { return hash === "" || hash === "#" || hash.indexOf("=") !== -1; }

  function hasOption(select, value) {
    return Array.prototype.some.call(select.options, function (o) { return o.value === value; });
  }

  function readAddress() {
    if (!isState(location.hash)) { return false; }
    var state = new URLSearchParams(location.hash.replace(/^#/, ""));
    show.value = hasOption(show, state.get("show") || "") ? state.get("show") || "" : "";
    search.value = state.get("q") || "";
    sort.value = hasOption(sort, state.get("sort") || "") ? state.get("sort") || "" : "";
    return true;
  }

  function writeAddress() {
    var state = new URLSearchParams();
    if (show.value) { state.set("show", show.value); }
    if (search.value) { state.set("q", search.value); }
    if (sort.value) { state.set("sort", sort.value); }
    var hash = state.toString();
    var url = location.pathname + location.search + (hash ? "#" + hash : "");
    if (isState(location.hash) || hash) { history.replaceState(null, "", url); }
  }

  function changed() { apply(); writeAddress(); }

  function onTarget() {
    var target = location.hash.length > 1 && !isState(location.hash) ?
      document.getElementById(decodeURIComponent(location.hash.slice(1))) : null;
    if (!target) { return; }
    var item = target.closest("[data-filter-item]");
    if (item && item.hidden) { show.value = ""; search.value = ""; apply(); }
    target.scrollIntoView();
  }

  // The sticky bar's height, so an item scrolled to is not hidden under it.
  function measureBar() {
    document.documentElement.style.setProperty("--bar-height", bar.offsetHeight + "px");
  }

  show.addEventListener("change", changed);
  search.addEventListener("input", changed);
  sort.addEventListener("change", changed);
  bar.addEventListener("submit", function (event) { event.preventDefault(); changed(); });
  printShown.addEventListener("change", function () {
    document.body.classList.toggle("print-shown", printShown.checked);
  });
  window.addEventListener("hashchange", function () {
    if (readAddress()) { apply(); } else { onTarget(); }
  });
  window.addEventListener("resize", measureBar);
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
  measureBar();
  readAddress();
  apply();
  onTarget();
})();
