"""The page-side timer shared by the latency benchmarks (JupyterLab and the static book).

From a key press on a slider to the first frame after the explorer has trained, drawn and
written its readout (it bumps ``data-updates`` when done).
"""

TIMING_JS = """(root) => {
  const L = window.__bpLatency = {cur: null, marks: []};
  root.addEventListener('keydown', () => { L.cur = {key: performance.now()}; }, true);
  // The explorer bumps data-updates once it has trained, drawn and written its readout.
  new MutationObserver(() => {
    const c = L.cur;
    if (!c || c.drawn !== undefined) return;
    c.drawn = performance.now();
    c.compute = Number(root.dataset.updateMs);
    requestAnimationFrame(() => { c.frame = performance.now(); L.marks.push(c); L.cur = null; });
  }).observe(root, {attributes: true, attributeFilter: ['data-updates']});
}"""
