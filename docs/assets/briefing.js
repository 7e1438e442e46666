// Tables wider than the screen scroll sideways inside the wrapper Material adds around them.
// A scrolling region must be reachable with the keyboard and have a name (WCAG 2.1.1; axe:
// scrollable-region-focusable): the table's caption, else the heading above it.
document$.subscribe(function () {
  document.querySelectorAll(".md-typeset__scrollwrap").forEach(function (wrap) {
    var table = wrap.querySelector("table");
    var caption = table && table.querySelector("caption");
    var name = caption ? caption.textContent : "";
    if (!name) {
      for (var el = wrap.previousElementSibling; el; el = el.previousElementSibling) {
        if (/^H[1-6]$/.test(el.tagName)) {
          name = el.textContent.replace(/¶$/, "");
          break;
        }
      }
    }
    wrap.tabIndex = 0;
    wrap.setAttribute("role", "region");
    wrap.setAttribute("aria-label", (name || document.title).trim());
  });
});

// Filters of the commitments page. The whole table is in the HTML and readable without
// JavaScript; the form (hidden until this runs) only hides rows, and keeps its choices in
// the address (?status=…&organisation=…) so that a filtered view can be shared.
document$.subscribe(function () {
  document.querySelectorAll("form[data-filter-table]").forEach(function (form) {
    var tables = document.querySelectorAll("table." + form.dataset.filterTable);
    var rows = document.querySelectorAll("table." + form.dataset.filterTable + " tbody tr");
    var count = form.querySelector(".bf-filter__count");
    var params = new URLSearchParams(window.location.search);
    form.querySelectorAll("select").forEach(function (select) {
      var wanted = params.get(select.name);
      if (wanted && select.querySelector('option[value="' + CSS.escape(wanted) + '"]')) {
        select.value = wanted;
      }
    });
    function apply() {
      var choice = {};
      form.querySelectorAll("select").forEach(function (s) { choice[s.name] = s.value; });
      var shown = 0;
      rows.forEach(function (row) {
        var keep = Object.keys(choice).every(function (name) {
          return !choice[name] || row.dataset[name] === choice[name];
        });
        row.hidden = !keep;
        if (keep) shown += 1;
      });
      tables.forEach(function (table) {
        var visible = table.querySelector("tbody tr:not([hidden])") !== null;
        var group = table.dataset.statusGroup;
        var wrap = table.closest(".md-typeset__scrollwrap") || table;
        wrap.hidden = !visible;
        var heading = document.querySelector('[data-status-heading="' + group + '"]');
        if (heading) heading.hidden = !visible;
      });
      count.textContent = count.dataset.template
        .replace("{shown}", shown).replace("{total}", rows.length);
      // Other parameters of the address (the theme's search highlight) are kept.
      var query = new URLSearchParams(window.location.search);
      Object.keys(choice).forEach(function (name) {
        if (choice[name]) query.set(name, choice[name]);
        else query.delete(name);
      });
      var search = query.toString();
      history.replaceState(null, "", window.location.pathname + (search ? "?" + search : "") + window.location.hash);
    }
    form.addEventListener("change", apply);
    form.addEventListener("submit", function (event) { event.preventDefault(); apply(); });
    form.hidden = false;
    apply();
  });
});

// Printed links are followed by their address (the print stylesheet shows data-print-href):
// the full address, resolved against the page, rather than the relative one in the HTML.
function markPrintLinks() {
  document.querySelectorAll(".md-content a[href]").forEach(function (a) {
    if (!a.getAttribute("href").startsWith("#")) a.dataset.printHref = a.href;
  });
}
window.addEventListener("beforeprint", markPrintLinks);
window.matchMedia("print").addEventListener("change", function (e) {
  if (e.matches) markPrintLinks();
});

// The Search page: Pagefind's interface, loaded from the index's folder (generator/search.py).
// It reads <html lang> and searches only this language's pages, the main bundle merged with
// the record pages' one; accents are folded.
document$.subscribe(function () {
  var box = document.getElementById("bf-search");
  if (!box || box.dataset.ready) return;
  box.dataset.ready = "1";
  var bundle = box.dataset.bundle;
  var css = document.createElement("link");
  css.rel = "stylesheet";
  css.href = bundle + "pagefind-ui.css";
  document.head.appendChild(css);
  var script = document.createElement("script");
  script.src = bundle + "pagefind-ui.js";
  script.onload = function () {
    // Result links from the site's root wherever it is served (any base path).
    var root = new URL(bundle + "../", window.location.href).pathname;
    var ui = new PagefindUI({
      element: "#bf-search",
      bundlePath: bundle,
      mergeIndex: [{ bundlePath: box.dataset.records, baseUrl: root }],
      baseUrl: root,
      showSubResults: true,
      showImages: false,
      resetStyles: false,
      translations: { placeholder: box.dataset.placeholder },
    });
    // The field Pagefind draws gets the page's visible label (WCAG 3.3.2).
    var input = box.querySelector("input");
    if (input) input.id = "bf-search-input";
    var query = new URLSearchParams(window.location.search).get("q");
    if (query) ui.triggerSearch(query);
  };
  document.head.appendChild(script);
});
