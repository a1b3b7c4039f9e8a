/* The book's widgets in the static page, drawn by this small host instead of a widget manager
 * (printed inline by layout.html, only on pages with widgets).
 *
 * Every widget of the book is an anywidget (tests/test_widget_host.py checks the notebooks): its
 * front end is one ES module written to the Anywidget Front-End Module specification (AFM,
 * https://anywidget.dev/en/afm/), which any host may run: load the module, call its
 * `initialize({model})` once per model and its `render({model, el})` once per view, with a model
 * that has get, set, on/off ("change:x", "msg:custom"), save_changes and send. The page has no kernel,
 * so saving and sending do nothing. That replaces RequireJS, @jupyter-widgets/html-manager (3.6 MB)
 * and anywidget's own front end, which did the same through Jupyter's widget machinery. (JupyterLab
 * still runs the widgets with anywidget's front end, from the Python package.)
 *
 * The page holds the widgets' state (a widget-state+json script in <head>), a manifest of the
 * modules its widgets use (the JSON script #bp-widget-modules, written by bp/sphinxext.py: each
 * module's name → the URLs of its .js and .css under _static/bp/<content hash>/) and, where each
 * widget is shown, a widget-view+json script naming its model. The stored `_esm` is only a stub
 * (the notebooks keep no module): a widget runs the module its `_module` names, imported from its
 * URL once per page however many widgets use it (one compile; ids they number stay unique across
 * the page), and cached by the browser from one page to the next; its stylesheet is one <link> per
 * URL. A widget is drawn when its place comes within one window height of the viewport (or at
 * once, without IntersectionObserver): as the widget manager did, into a <div class="widget-subarea">
 * put just before the view script. tests/browser/conftest.py (`show`) scrolls to a widget and waits
 * for it, as a reader would.
 */
(() => {
  "use strict";
  const VIEW = 'script[type="application/vnd.jupyter.widget-view+json"]';
  const STATE = 'script[type="application/vnd.jupyter.widget-state+json"]';
  const MANIFEST = "bp-widget-modules";
  const widgets = {}, modules = {};
  let state = null, manifest = null;

  // Equal values, as underscore's isEqual (Jupyter's Backbone models fire "change:x" only when x
  // really changes): Object.is for numbers (NaN is NaN, 0 is not -0), and arrays and objects by value.
  const same = (a, b) => Object.is(a, b) || (!!a && !!b && typeof a === "object" && typeof b === "object"
    && Array.isArray(a) === Array.isArray(b) && Object.keys(a).length === Object.keys(b).length
    && Object.keys(a).every((k) => same(a[k], b[k])));

  // An AFM model over one widget's stored state.
  function makeModel(values) {
    let handlers = [];  // [event name, callback], in the order they came
    const emit = (name) => handlers.filter(([n]) => n === name).forEach(([, callback]) => callback.call(model));
    const model = {
      get: (key) => values[key],
      set(key, value) {
        const changes = typeof key === "object" ? key : {[key]: value};
        const changed = Object.keys(changes).filter((k) => !same(values[k], changes[k]));
        changed.forEach((k) => { values[k] = changes[k]; });
        changed.forEach((k) => emit(`change:${k}`));
      },
      on(name, callback) { handlers.push([name, callback]); },
      off(name, callback) {  // as Backbone's: no name, every event; no callback, every callback
        handlers = handlers.filter(([n, c]) => (name && n !== name) || (callback && c !== callback));
      },
      save_changes() {},  // no kernel to save to
      send() {},          // nor to send a message to (and no "msg:custom" ever comes)
    };
    return model;
  }

  // Each URL fetched once per page: a module imported, a stylesheet linked (and loaded, so that
  // the widget is first drawn with its styles).
  function load(url) {
    return modules[url] || (modules[url] = import(url));
  }
  function link(url) {
    return modules[url] || (modules[url] = new Promise((resolve, reject) => {
      const sheet = Object.assign(document.createElement("link"), {rel: "stylesheet", href: url});
      sheet.addEventListener("load", resolve);
      sheet.addEventListener("error", () => reject(new Error(`stylesheet ${url} not loaded`)));
      document.head.append(sheet);
    }));
  }

  // The widget of model `id`, made once: its stylesheet and module loaded, its initialize() called.
  function widget(id) {
    if (!widgets[id]) {
      state = state || JSON.parse(document.querySelector(STATE).textContent).state;
      manifest = manifest || JSON.parse(document.getElementById(MANIFEST).textContent);
      const values = state[id].state, model = makeModel(values), urls = manifest[values._module];
      if (!urls) return Promise.reject(new Error(`no module ${values._module} in #${MANIFEST}`));
      const url = (path) => new URL(path, document.baseURI).href;  // one key per file, however written
      widgets[id] = Promise.all([load(url(urls.js)), link(url(urls.css))]).then(async ([mod]) => {
        // The default export is {initialize, render}, or a function that returns (a promise of) it.
        const def = mod.default || {render: mod.render};
        const w = typeof def === "function" ? await def() : def;
        if (w.initialize) await w.initialize({model});
        return {model, render: w.render};
      });
    }
    return widgets[id];
  }

  // Draw the view `script` where the widget manager drew it: in a new div.widget-subarea before it.
  function draw(script) {
    const id = JSON.parse(script.textContent).model_id;
    widget(id).then(({model, render}) => {
      const area = Object.assign(document.createElement("div"), {className: "widget-subarea"});
      const el = area.appendChild(document.createElement("div"));
      el.classList.add(...(model.get("_dom_classes") || []));
      script.before(area);
      return render && render({model, el});
    }).catch((error) => console.error(`bp widget ${id} not drawn:`, error));
  }

  document.addEventListener("DOMContentLoaded", () => {
    const views = [...document.querySelectorAll(VIEW)];
    if (!("IntersectionObserver" in window)) return views.forEach(draw);
    const near = new IntersectionObserver((entries) => entries.filter((e) => e.isIntersecting).forEach((e) => {
      near.unobserve(e.target);
      views.filter((v) => v.parentElement === e.target).forEach(draw);
    }), {rootMargin: "100% 0px"});  // one window height above and below the viewport
    views.forEach((v) => near.observe(v.parentElement));
  });
})();
