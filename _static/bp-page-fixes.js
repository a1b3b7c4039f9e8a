/* Small fix-ups of every page of the book (Jupyter Book adds each .js under _static/ to every page).
 *
 * (The widget manager itself comes from _static/html-manager/, never from a CDN: see _config.yml
 * and _templates/layout.html.)
 * 1. The widget library typesets widget labels with the MathJax 2 call MathJax.Hub.Queue, but the
 *    book has MathJax 3: a small bridge, so labels are typeset instead of throwing an error.
 * 2. Accessibility, for markup the theme and the widget library emit (each found by axe-core in the
 *    browser test, tests/browser/test_book.py):
 *    - the theme's search buttons show "Search Ctrl+K" but are labelled "Search" (rule
 *      label-content-name-mismatch): their name becomes their visible text, and the shortcut is
 *      also given as aria-keyshortcuts; the colour-mode button's icons carry titles ("Light",
 *      "Dark", which Font Awesome turns into SVG <title>s) that are not its label "Color mode":
 *      the icons are decorative, so their titles go; a folded cell output ("Show code cell
 *      output", myst-nb's hide-output tag) is labelled "Toggle hidden content": its name becomes
 *      its visible text;
 *    - a widget slider's handle (role=slider) has no accessible name (aria-input-field-name): it gets
 *      the slider's visible description (η, w1_11, ...);
 *    - an ipywidgets.Image has no alt attribute (image-alt): its tooltip becomes its alt text.
 */
(function () {
  "use strict";

  function bridgeMathJax2() {
    var mj = window.MathJax;
    if (!mj || mj.Hub || !mj.startup || !mj.startup.promise) return;
    mj.Hub = {
      Queue: function () {
        Array.prototype.forEach.call(arguments, function (job) {
          var el = Array.isArray(job) && job[0] === "Typeset" ? job[2] : null;
          mj.startup.promise.then(function () { return mj.typesetPromise(el ? [el] : undefined); });
        });
      }
    };
  }

  function fixTheme(root) {
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

  function fixWidgets(root) {
    root.querySelectorAll('[role="slider"]:not([aria-label]):not([aria-labelledby])').forEach(function (handle) {
      var box = handle.closest(".widget-slider, .widget-hslider, .widget-vslider, .widget-inline-hbox");
      var label = box && box.querySelector(".widget-label");
      var name = (label && label.textContent.trim()) || (box && box.getAttribute("title"));
      if (name) handle.setAttribute("aria-label", name);
    });
    root.querySelectorAll(".widget-image[title]").forEach(function (img) {
      if (img.getAttribute("alt") !== img.title) img.setAttribute("alt", img.title);
    });
  }

  // Widgets render and Font Awesome swaps icons for SVGs after the page loads: fix what appears.
  document.addEventListener("DOMContentLoaded", function () {
    bridgeMathJax2();
    var pending = false;
    function fixAll() { pending = false; fixTheme(document); fixWidgets(document); }
    fixAll();
    new MutationObserver(function () {
      if (!pending) { pending = true; requestAnimationFrame(fixAll); }
    }).observe(document.body, {childList: true, subtree: true, attributes: true, attributeFilter: ["title"]});
  });
})();
