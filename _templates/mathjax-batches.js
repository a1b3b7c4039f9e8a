/* MathJax's lazy typesetting in small batches (printed inline by layout.html, before MathJax's
 * startup.js; MathJax 3.2.2, as sphinx-mathjax-offline ships it).
 *
 * ui/lazy (see _config.yml) typesets the math that comes near the window: its IntersectionObserver
 * collects the formulas in view (document.lazySet) and one idle callback (lazyProcessSet) typesets
 * ALL of them in one render (lazyHandleSet). On a page that opens with some twenty formulas on its
 * first screen that render was one long task of 150-190 ms. MathJax has no option for a batch
 * size, so this replaces the document's lazyProcessSet: each idle callback hands MathJax's own
 * lazyHandleSet only the first few formulas in page order (as many as about 20 ms allow) and
 * leaves the rest in lazySet for the next idle callback, after that batch's render: each batch is a
 * task of its own, and the page can paint and answer between them. What is typeset, how, and when
 * everything is typeset (printing: lazyTypesetAll) stays MathJax's. It relies on ui/lazy's internals (lazySet, lazyPromise, lazyIdle,
 * lazyProcessSet, lazyHandleSet): tests/browser/test_book.py checks, on every page, that every
 * formula is typeset once scrolled to (and before printing), and tests/browser/test_mathjax_batches.py
 * that this is in place and typesets a full first screen in several batches. If a MathJax update
 * renames them, the page falls back to MathJax's one batch (see `usable`) and that test fails.
 */
(() => {
  "use strict";
  // A batch's size: as many formulas as the last batch's pace fits in BUDGET_MS (a long task is one
  // of over 50 ms; the page lays out after each batch), from one formula (the first render also
  // pays MathJax's first-use costs), at most doubling from one batch to the next.
  const BUDGET_MS = 20;
  let size = 1;
  const config = (window.MathJax = window.MathJax || {});
  const startup = (config.startup = config.startup || {});
  const ready = startup.ready;
  startup.ready = () => {
    if (ready) ready(); else MathJax.startup.defaultReady();
    const doc = MathJax.startup.document;
    const usable = doc && doc.lazySet instanceof Set && typeof doc.lazyHandleSet === "function"
                   && typeof doc.lazyProcessSet === "function" && doc.lazyPromise;
    if (!usable) return;  // no ui/lazy (or no IntersectionObserver): nothing to split
    const idle = window.requestIdleCallback || ((f) => setTimeout(f, 10));  // as ui/lazy schedules
    doc.bpBatches = [];  // each batch's number of formulas (tests/browser/test_mathjax_batches.py)
    const batch = () => {
      const ids = [...doc.lazySet].sort((a, b) => a - b);  // ids are numbered in page order
      const n = Math.min(size, ids.length);
      doc.lazySet = new Set(ids.slice(0, n));
      doc.bpBatches.push(n);
      const start = performance.now();
      doc.lazyHandleSet();  // MathJax's: takes lazySet (leaving a new one) and typesets it
      for (const id of ids.slice(n)) doc.lazySet.add(id);  // still removed if they leave the window
      // Once this batch is typeset (lazyIdle false again): the next one, in an idle callback of its own.
      doc.lazyPromise.then(() => {
        const ms = Math.max(performance.now() - start, 1);
        if (n) size = Math.max(1, Math.min(2 * n, Math.floor(n * BUDGET_MS / ms)));
        if (doc.lazySet.size && !doc.lazyIdle) {
          doc.lazyIdle = true;
          doc.lazyProcessSet();
        }
      });
    };
    doc.lazyProcessSet = () => idle(batch);
  };
})();
