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
