/* Wide tables a keyboard can scroll (WCAG 2.1.1), on every page of the site.
 *
 * On a narrow screen a table wider than the text scrolls sideways inside its box: Material wraps
 * each table of a page in a .md-typeset__scrollwrap, and a redline's tables, which Material leaves
 * alone, scroll themselves (redline.css), on the changes page and in the compare view. A mouse
 * or a finger can scroll such a box; a keyboard can scroll only what it can focus, and a table of
 * plain words holds nothing focusable. So while a box is narrower than its table, it takes the
 * focus (tabindex="0", a stop in the Tab order; the arrow keys then scroll it) and is named by the
 * heading before it (aria-label: the heading's words without its permalink sign, in a redline as
 * the newer version has them), so a screen reader says which table it is. When the window widens
 * and the table fits, the box gives the stop back.
 *
 * Boxes are found as they appear: Material wraps the tables after this script runs, the compare
 * view draws its redline later still, and a redline lays out each block only as it scrolls into view
 * (content-visibility), so a box is measured whenever its size changes.
 */
(function () {
  "use strict";

  var BOXES = ".md-typeset__scrollwrap, .pp-redline table";
  var HEADINGS = "h1, h2, h3, h4, h5, h6";
  var MARK = "data-pp-scrolls";

  if (!("ResizeObserver" in window) || !("MutationObserver" in window)) return;

  function headingBefore(box) {
    for (var node = box; node && node !== document.body; node = node.parentElement) {
      for (var sibling = node.previousElementSibling; sibling; sibling = sibling.previousElementSibling) {
        if (sibling.matches(HEADINGS)) return sibling;
        var inside = sibling.querySelectorAll(HEADINGS);
        if (inside.length) return inside[inside.length - 1];
      }
    }
    return null;
  }

  function nameOf(heading) {
    var words = heading.cloneNode(true);
    words.querySelectorAll(".headerlink, del, .pp-sr").forEach(function (link) { link.remove(); });
    return words.textContent.replace(/\s+/g, " ").trim();
  }

  function measure(box) {
    var scrolls = box.scrollWidth > box.clientWidth;
    if (scrolls === box.hasAttribute(MARK)) return;
    if (scrolls) {
      box.setAttribute(MARK, "");
      box.setAttribute("tabindex", "0");
      var heading = headingBefore(box);
      var name = heading && nameOf(heading);
      if (name) box.setAttribute("aria-label", name);
      // A box of Material's is a plain div: as a group it can carry a name. A table keeps its role.
      if (box.localName === "div") box.setAttribute("role", "group");
    } else {
      [MARK, "tabindex", "aria-label", "role"].forEach(function (name) { box.removeAttribute(name); });
    }
  }

  var sizes = new ResizeObserver(function (entries) {
    entries.forEach(function (entry) { measure(entry.target); });
  });

  function watch(root) {
    if (root.nodeType !== Node.ELEMENT_NODE) return;
    if (root.matches(BOXES)) sizes.observe(root);
    root.querySelectorAll(BOXES).forEach(function (box) { sizes.observe(box); });
  }

  new MutationObserver(function (records) {
    records.forEach(function (record) { record.addedNodes.forEach(watch); });
  }).observe(document.body, {childList: true, subtree: true});
  watch(document.body);
})();
