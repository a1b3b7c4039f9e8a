/* The book's search results: Sphinx's own search (searchtools.js) with two changes. Sphinx puts this
   file (html_search_scorer in _config.yml) into the search page's language_data.js, before
   searchtools.js, which then takes this Scorer instead of its default.

   1. Ranking. Sphinx scores a page by its best single query word: "chain rule" gave the chain-rule
      chapter the same score as every page with "chain" in some heading. Here a page whose title
      holds every word of the query comes first, and a section whose heading holds them next.
   2. Snippets. The text under each result is cut from the page's HTML, where a formula is still its
      TeX source (MathJax typesets it only in the browser) and the page's own table of contents
      comes first: "\frac{\partial L}{\partial \hat y}" and "Contents" in a snippet. Here the page's
      navigation is left out and each formula is written as plain text (∂L/∂ŷ).
   The weights are Sphinx 7.4's defaults. */
var Scorer = {
  objNameMatch: 11,
  objPartialMatch: 6,
  objPrio: {0: 15, 1: 5, 2: -5},
  objPrioDefault: 0,
  title: 15,
  partialTitle: 7,
  term: 5,
  partialTerm: 2,

  // result: [docname, title, anchor, descr, score, filename]; a section's title is "Page > Heading".
  score: (result) => {
    const [, title, anchor, descr, score] = result;
    const query = new URLSearchParams(window.location.search).get("q") || "";
    const words = query.toLowerCase().split(/[^\p{L}\p{N}_]+/u)
      .filter((w) => w.length > 1 && !stopwords.includes(w));
    if (descr || !words.length) return score;  // an API object: Sphinx's own score
    const heading = title.toLowerCase().split(" > ").pop();
    if (!words.every((w) => heading.includes(w))) return score;
    // ... and the closer the title is to the query, the higher (as Sphinx scores a title match).
    return score + (anchor ? 10 : 20) + Math.round((10 * query.length) / heading.length);
  },
};

// A formula's TeX as plain text, good enough for a snippet: \frac{∂L}{∂ŷ} → ∂L/∂ŷ, w^1_{21} → w¹₂₁.
const bpPlainMath = (tex) => {
  const symbols = {
    partial: "∂", delta: "δ", Delta: "Δ", eta: "η", sigma: "σ", alpha: "α", beta: "β", varepsilon: "ε",
    epsilon: "ε", lambda: "λ", mu: "μ", theta: "θ", sum: "Σ", prod: "Π", cdot: "·", times: "×",
    odot: "⊙", le: "≤", leq: "≤", ge: "≥", geq: "≥", ne: "≠", approx: "≈", to: "→", infty: "∞",
    ldots: "…", dots: "…", cdots: "⋯", pm: "±", quad: " ", qquad: " ", in: "∈", circ: "∘",
  };
  const sup = {"0": "⁰", "1": "¹", "2": "²", "3": "³", "4": "⁴", "5": "⁵", "6": "⁶", "7": "⁷", "8": "⁸",
               "9": "⁹", "+": "⁺", "-": "⁻", "−": "⁻", "(": "⁽", ")": "⁾", "T": "ᵀ", "l": "ˡ", "n": "ⁿ",
               "i": "ⁱ", "k": "ᵏ", "L": "ᴸ"};
  const sub = {"0": "₀", "1": "₁", "2": "₂", "3": "₃", "4": "₄", "5": "₅", "6": "₆", "7": "₇", "8": "₈",
               "9": "₉", "+": "₊", "-": "₋", "(": "₍", ")": "₎", "i": "ᵢ", "j": "ⱼ", "k": "ₖ", "l": "ₗ",
               "n": "ₙ", "r": "ᵣ"};
  const script = (map, s) => ([...s].every((c) => c in map) ? [...s].map((c) => map[c]).join("") : s);
  let s = tex.replace(/\\(class|cssId|style|href|require)\{[^{}]*\}/g, " ");
  s = s.replace(/\\[()[\]]/g, " ").replace(/\\(begin|end)\{[^}]*\}(\{[^}]*\})?/g, " ");
  s = s.replace(/\\(left|right|bigl|bigr|Bigl|Bigr|big|Big|displaystyle|!|,|;|:)/g, " ");
  s = s.replace(/\\hat\s*(\{\s*y\s*\}|y)/g, "ŷ").replace(/\\mathsf\s*(\{\s*T\s*\}|T)/g, "T");
  s = s.replace(/\\(mathsf|mathrm|text|operatorname|mathbf|boldsymbol)\{([^{}]*)\}/g, "$2");
  s = s.replace(/\^\{([^{}]*)\}|\^([^\\{])/g, (m, a, b) => script(sup, (a ?? b).trim()));
  s = s.replace(/_\{([^{}]*)\}|_([^\\{])/g, (m, a, b) => script(sub, (a ?? b).trim()));
  s = s.replace(/\\[dt]?frac(\d)(\d)/g, "$1/$2");
  for (let k = 0; k < 3; k++) s = s.replace(/\\[dt]?frac\{([^{}]*)\}\{([^{}]*)\}/g, "$1/$2");
  s = s.replace(/\\([A-Za-z]+)(\s*)/g, (m, name, space) =>
    (name === "partial" ? "∂" : name in symbols ? symbols[name] + space : space));
  return s.replace(/[{}&]|\\\\/g, " ").replace(/\s+/g, " ").trim();
};

document.addEventListener("DOMContentLoaded", () => {
  if (typeof Search === "undefined") return;
  const toText = Search.htmlToText;
  Search.htmlToText = (htmlString, anchor) => {
    const doc = new DOMParser().parseFromString(htmlString, "text/html");
    doc.querySelectorAll(".onlyprint, .bd-header-article, .bd-sidebar-secondary, .prev-next-area, "
                         + ".bd-footer-article, nav, #searchbox")
      .forEach((el) => el.remove());
    doc.querySelectorAll(".math").forEach((el) => el.replaceWith(` ${bpPlainMath(el.textContent)} `));
    return toText(doc.documentElement.outerHTML, anchor);
  };
});
