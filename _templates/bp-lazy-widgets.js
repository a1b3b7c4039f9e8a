/* The widget manager loads when a widget comes near the window (included by layout.html, inline,
 * only on pages with widgets).
 *
 * RequireJS and @jupyter-widgets/html-manager (embed-amd.js, 3.6 MB; 0.9 MB gzip) render the
 * widgets stored in the page. The static book has no kernel, so nothing is lost by waiting: the
 * two scripts are added only once a widget's output is within one window height of the viewport
 * (or at once, if the browser has no IntersectionObserver), and the manager then renders every
 * widget of the page, as it would have at load. Before, they were plain <script>s in <head>: every
 * page with a widget blocked its first paint on them. RequireJS's configuration (where the manager
 * and anywidget live) stays the inline `var require = {...}` that layout.html prints before this.
 * `data-require` and `data-manager` carry the two scripts' addresses (with Sphinx's ?v= checksum),
 * `data-anywidget` that of anywidget's front end, as RequireJS will ask for it.
 * tests/browser/conftest.py (`show`) scrolls to a widget and waits for it, as a reader would.
 */
(function () {
  "use strict";
  var config = document.currentScript.dataset;
  var VIEW = 'script[type="application/vnd.jupyter.widget-view+json"]';
  var started = false;

  function load() {
    if (started) return;
    started = true;
    // anywidget's front end (an anonymous AMD module that RequireJS itself must load) is asked for
    // only once the manager runs: fetch it alongside, so that it is there by then.
    var early = document.createElement("link");
    early.rel = "preload";
    early.as = "script";
    early.href = config.anywidget;
    document.head.appendChild(early);
    // async = false: the manager runs after RequireJS (both download at once).
    [config.require, config.manager].forEach(function (src) {
      var script = document.createElement("script");
      script.src = src;
      script.async = false;
      document.head.appendChild(script);
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var views = document.querySelectorAll(VIEW);
    if (!views.length) return;
    if (!("IntersectionObserver" in window)) return load();
    var near = new IntersectionObserver(function (entries) {
      if (entries.some(function (e) { return e.isIntersecting; })) {
        near.disconnect();
        load();
      }
    }, {rootMargin: "100% 0px"});  // one window height above and below the viewport
    views.forEach(function (view) { near.observe(view.parentElement); });
  });
})();
