/* Small fix-ups of every page of the book (Jupyter Book adds each .js under _static/ to every page).
 *
 * (The book's widgets are anywidgets, drawn by _templates/bp-widgets.js, with their own labelled
 * native controls and canvases, so they need no fix here.)
 * Accessibility, for markup the theme emits (each found by axe-core in the browser test,
 * tests/browser/test_book.py):
 *    - the theme's search buttons show "Search Ctrl+K" but are labelled "Search" (rule
 *      label-content-name-mismatch): their name becomes their visible text, and the shortcut is
 *      also given as aria-keyshortcuts; the colour-mode button's icons carry titles ("Light",
 *      "Dark", which Font Awesome turns into SVG <title>s) that are not its label "Color mode":
 *      the icons are decorative, so their titles go; a folded cell output ("Show code cell
 *      output", myst-nb's hide-output tag) is labelled "Toggle hidden content": its name becomes
 *      its visible text;
 *    - a link that holds only a formula (the page's contents, where a section is named by its
 *      parameter, w¹₂₁) has no name (link-name): MathJax's MathML for screen readers is not part
 *      of a link's name. It is named by the formula in words ("w superscript 2 subscript 21");
 *    - in the left navigation, a chapter with pages of its own (`sections:` in _toc.yml) gets an
 *      expand/collapse toggle that holds only a chevron icon (the theme's keyboard-expandable
 *      tree, pydata-sphinx-theme #1582), so the toggle has no name (rule summary-name): it is
 *      named after the chapter ("Pages of The chain rule").
 * Every screen (with bp-page.css; tests/browser/page_checks.py, screens):
 *    - a figure is never shown below MIN_SCALE of its size: its --bp-min-width is set from the
 *      width myst-nb writes (bp.plots.TEXT_PT text then stays at about 9.6 px or more);
 *    - a box that scrolls sideways (equation, table, printout, code, figure) gets data-bp-scroll
 *      ("right", "left", "both": where more of it is hidden), which fades that edge out, and is
 *      focusable (tabindex 0) if it was not, so that the keyboard scrolls it too.
 */
(function () {
  "use strict";

  function fixTheme(root) {
    root.querySelectorAll(".bd-sidenav li.has-children > details > summary:not([aria-label])").forEach(function (summary) {
      var link = summary.closest("li").querySelector(":scope > a");
      if (link) summary.setAttribute("aria-label", "Pages of " + link.textContent.trim());
    });
    root.querySelectorAll('details.hide > summary[aria-label="Toggle hidden content"]').forEach(function (summary) {
      summary.removeAttribute("aria-label");
    });
    root.querySelectorAll(".search-button-field[aria-label]").forEach(function (button) {
      button.removeAttribute("aria-label");
      button.setAttribute("aria-keyshortcuts", "Control+K");
    });
    root.querySelectorAll(".theme-switch-button [title], .theme-switch-button svg").forEach(function (icon) {
      icon.removeAttribute("title");
      icon.removeAttribute("aria-labelledby");
      icon.setAttribute("aria-hidden", "true");
      var title = icon.querySelector && icon.querySelector("title");
      if (title) title.remove();
    });
  }

  // A MathML formula in words: b_{11} is "b subscript 11".
  function words(node) {
    var parts = Array.prototype.map.call(node.children, words);
    switch (node.localName) {
      case "mi": case "mn": case "mo": case "mtext": return node.textContent.trim();
      case "msub": return parts[0] + " subscript " + parts[1];
      case "msup": return parts[0] + " superscript " + parts[1];
      case "msubsup": return parts[0] + " superscript " + parts[2] + " subscript " + parts[1];
      default: return parts.filter(Boolean).join(" ");
    }
  }

  function fixMathLinks(root) {
    root.querySelectorAll("a[href]:not([aria-label]) > .math:only-child").forEach(function (math) {
      var link = math.parentElement;
      var mml = math.querySelector("mjx-assistive-mml > math");
      var alone = Array.prototype.every.call(link.childNodes, function (n) {
        return n === math || (n.nodeType === Node.TEXT_NODE && !n.textContent.trim());
      });
      if (mml && alone && mml.children.length) link.setAttribute("aria-label", words(mml));
    });
  }

  var MIN_SCALE = 0.6;
  function sizeFigures(root) {
    root.querySelectorAll(".cell_output > img, .cell_output > a > img").forEach(function (img) {
      var width = parseFloat(img.style.width) || img.naturalWidth;
      if (width) img.style.setProperty("--bp-min-width", Math.round(MIN_SCALE * width) + "px");
    });
  }

  var SCROLLERS = ".bd-article pre, .bd-article mjx-container, .bd-article .pst-scrollable-table-container, " +
                  ".bd-article .cell_output, .bd-article .table-wrapper, .bd-article div.math";
  function markScroll(box) {
    var hidden = box.scrollWidth - box.clientWidth;
    var state = hidden <= 1 ? "" : box.scrollLeft <= 1 ? "right" : box.scrollLeft >= hidden - 1 ? "left" : "both";
    if (!state) return unmark(box);
    box.setAttribute("data-bp-scroll", state);
    // A box that scrolls can be scrolled with the keyboard too (axe: scrollable-region-focusable):
    // a wide equation is focusable once it scrolls (MathJax's menu, left out, made every formula so).
    if (!box.hasAttribute("tabindex")) { box.setAttribute("tabindex", "0"); box.setAttribute("data-bp-focus", ""); }
  }
  function unmark(box) {
    box.removeAttribute("data-bp-scroll");
    if (box.hasAttribute("data-bp-focus")) { box.removeAttribute("tabindex"); box.removeAttribute("data-bp-focus"); }
  }
  function markScrollers() {
    document.querySelectorAll(SCROLLERS).forEach(function (box) {
      var overflow = getComputedStyle(box).overflowX;
      if (overflow === "auto" || overflow === "scroll") markScroll(box);
      else unmark(box);
    });
  }

  // Widgets render, MathJax typesets (as the reader scrolls) and Font Awesome swaps icons for SVGs
  // after the page loads: fix what appears; measure the scrolling boxes again whenever the page's layout may have changed.
  document.addEventListener("DOMContentLoaded", function () {
    var pending = false;
    function fixAll() { pending = false; fixTheme(document); fixMathLinks(document); sizeFigures(document); markScrollers(); }
    function soon() { if (!pending) { pending = true; requestAnimationFrame(fixAll); } }
    fixAll();
    new MutationObserver(soon).observe(document.body, {childList: true, subtree: true, attributes: true, attributeFilter: ["title"]});
    new MutationObserver(soon).observe(document.documentElement, {attributes: true, attributeFilter: ["data-theme"]});
    window.addEventListener("resize", soon);
    // the column also changes width without a resize of the window (the sidebars slide in and out)
    var article = document.querySelector(".bd-article");
    if (article && window.ResizeObserver) new ResizeObserver(soon).observe(article);
    window.addEventListener("load", soon);
    document.addEventListener("load", soon, true);   // an image loaded
    document.addEventListener("scroll", function (event) {
      if (event.target.hasAttribute && event.target.hasAttribute("data-bp-scroll")) markScroll(event.target);
    }, true);
    if (window.MathJax && MathJax.startup && MathJax.startup.promise) MathJax.startup.promise.then(soon);
  });
})();
