"""One ES module per widget, assembled from the book's shared JavaScript (every widget of the book).

anywidget runs a widget's ``_esm`` from a Blob URL, where a relative ``import`` of a sibling file
never resolves (in the static book and in JupyterLab alike). So the JavaScript lives in
``bp/js/`` as ordinary modules — the twin of `bp.network` in ``network.js``, the widgets in their
own files, each importing what it shares with ``import {a, b} from "./file.js";`` — and `bundle`
joins a widget's file with everything it imports into the one module anywidget loads::

    const __bp = {};
    __bp["format.js"] = (() => { ...format.js...; return {fmtE, fmtG}; })();
    __bp["network.js"] = (() => { const {fmtG} = __bp["format.js"]; ...; return {forward, train}; })();
    const {forward, train} = __bp["network.js"];
    ...explorer.js, with its `export default`...

Each shared file keeps its own scope (its private names never collide); only its ``export``ed
names leave it, as with real modules.
"""

from __future__ import annotations

import pathlib
import re

JS = pathlib.Path(__file__).parent / "js"

_IMPORT = re.compile(r'^import\s*\{([^}]*)\}\s*from\s*"\./([\w.-]+\.js)";[ \t]*$', re.M)
_EXPORT = re.compile(r"^export\s+(?:async\s+)?(?:function\*?|const|let|class)\s+([A-Za-z_$][\w$]*)", re.M)


def _imports(source):
    """The (names, file) of each ``import {…} from "./file.js";`` line; any other import is an error."""
    found = _IMPORT.findall(source)
    if len(found) != len(re.findall(r"^import\b", source, re.M)):
        raise ValueError('bp/js files import only with one-line `import {a, b} from "./file.js";`')
    return [(names, file) for names, file in found]


def _with_imports_bound(source):
    """The source with each import line replaced by a destructuring of the imported file's exports."""
    def bind(m):
        names = ", ".join(n.strip().replace(" as ", ": ") for n in m[1].split(",") if n.strip())
        return f'const {{{names}}} = __bp["{m[2]}"];'
    return _IMPORT.sub(bind, source)


def _order(entry):
    """The files `entry` needs, each once, every file after those it imports (depth first)."""
    order, seen = [], set()

    def visit(name, stack):
        if name in stack:
            raise ValueError(f"bp/js: circular import {' → '.join(stack + (name,))}")
        if name in seen:
            return
        for _, dep in _imports((JS / name).read_text(encoding="utf-8")):
            visit(dep, stack + (name,))
        seen.add(name)
        order.append(name)

    visit(entry, ())
    return order


def bundle(entry):
    """The ES module anywidget loads for the widget file ``entry`` (e.g. ``"explorer.js"``)."""
    *deps, _ = _order(entry)
    parts = [f"// Assembled by bp/_esm.py from bp/js/{', '.join(deps + [entry])}.", "const __bp = {};"]
    for name in deps:
        source = (JS / name).read_text(encoding="utf-8")
        exports = _EXPORT.findall(source)
        body = re.sub(r"^export\s+", "", _with_imports_bound(source), flags=re.M)
        parts.append(f'// ---- bp/js/{name}\n__bp["{name}"] = (() => {{\n{body}\n'
                     f'return {{{", ".join(exports)}}};\n}})();')
    parts.append(f"// ---- bp/js/{entry}\n" + _with_imports_bound((JS / entry).read_text(encoding="utf-8")))
    return "\n".join(parts) + "\n"


def css(*names):
    """A widget's stylesheet: the files ``bp/js/<name>`` in order (the shared ``theme.css`` first)."""
    return "\n".join((JS / name).read_text(encoding="utf-8") for name in names)
