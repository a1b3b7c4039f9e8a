"""The links between the notes page, the errata page and the chapters, followed in the built book.

`jupyter-book build -n` checks MyST's own links, but not a link inside typeset math (MathJax's
\\href) or inside raw HTML. Here every link on the notes and errata pages is read as the browser
resolves it, after MathJax has typeset the page, and must have its target: a built page holding an
element with the link's #id. (The links from each chapter into the notes and errata are checked on
test_book.py's one visit of that chapter: page_checks.notes_links.) Then each slip of
`bp.slips.catalogue()` must be reachable both ways: its marked line on the notes page links its
errata entry and the chapter section that discusses it, and the errata entry links back to the
line. The marks themselves must be there: each slip line holds a highlighted part of its formula,
visibly highlighted in light and in dark mode, and the notes' three struck-through passages are
typeset struck through.

Run: make test-browser (builds the book first), or this file alone after `make test-book`.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

import page_checks as check
from bp.slips import catalogue

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
NOTES, ERRATA = "chapters/notes.html", "chapters/errata.html"


def _toc_pages():
    """Every page of `_toc.yml` as served (chapters/x.html), in the book's order."""
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text())
    entries = [c for part in toc.get("parts", []) for c in part.get("chapters", [])] + toc.get("chapters", [])
    files = [toc["root"]]
    while entries:
        e = entries.pop(0)
        files.append(e["file"])
        entries[:0] = e.get("sections", [])
    return [f"{f}.html" for f in files]


# The chapters' pages of the part of the notes each chapter follows: a slip's section may sit on
# any page of its chapter.
NOTES, ERRATA = check.NOTES, check.ERRATA
CHAPTERS = [p for p in _toc_pages() if p not in (NOTES, ERRATA) and not Path(p).stem.startswith("api")]
PAGES_OF_PART = {
    part: [p for p in CHAPTERS if Path(p).stem.split("_")[0] == part] for part in ("regression", "classification")
}
TIMEOUT_MS = 20_000


def _read(page, server, path, lazy):
    """Open ``path``; its ids and links once MathJax has typeset it (links inside math exist only
    then: MathJax typesets the math near the window, so the page is scrolled through), or None if
    it did not load."""
    response = page.goto(f"{server}/{path}", wait_until="load", timeout=TIMEOUT_MS)
    if response is None or response.status != 200:
        return None
    lazy.scroll_through(page)
    return {
        "ids": page.evaluate("() => [...document.querySelectorAll('[id]')].map(e => e.id)"),
        "links": page.evaluate(check.ARTICLE_LINKS),
    }


@pytest.fixture(scope="module")
def book(browser, server, lazy):
    """The server, the notes and errata pages read once ({path: {ids, links}}) and the pages that
    did not load."""
    context = browser.new_context(service_workers="block")
    page = context.new_page()
    pages, failed = {}, {}
    for path in (NOTES, ERRATA):
        read = _read(page, server, path, lazy)
        if read is None:
            failed[path] = "did not load"
        else:
            pages[path] = read
    context.close()
    return server, pages, failed


def _local(href, server):
    """(page path, fragment) of a link into the book, or None for a link elsewhere."""
    return check.local_target(href, server)


def test_every_link_of_the_notes_and_the_errata_has_its_target(book, html_dir):
    server, pages, failed = book
    assert not failed, f"pages that did not load: {failed}"
    links = [(source, link) for source, p in pages.items() for link in p["links"] if _local(link["href"], server)]
    problems = [f"{source}: {m}" for source, link in links if (m := check.missing_target(link, server, html_dir))]
    assert len(links) > 2 * len(catalogue()), f"only {len(links)} links followed: are the pages built?"
    assert not problems, "\n  ".join(["links without a target:"] + problems)


def test_each_slip_is_linked_both_ways(book):
    """Notes line → errata entry and chapter section; errata entry → notes line; same label on both."""
    server, pages, _ = book
    notes, errata = pages[NOTES], pages[ERRATA]

    def links_from(page, element_id):
        return {_local(link["href"], server) for link in page["links"] if link["from"] == element_id}

    problems = []
    for label, slip in catalogue():
        out = links_from(notes, slip.notes_anchor)
        if slip.notes_anchor not in notes["ids"]:
            problems.append(f"{label}: no line {slip.notes_anchor} on the notes page")
            continue
        if (ERRATA, slip.errata_anchor) not in out:
            problems.append(f"{label}: its line in the notes does not link its errata entry")
        if not any((path, slip.anchor) in out for path in PAGES_OF_PART[slip.part]):
            problems.append(
                f"{label}: its line in the notes does not link #{slip.anchor} on a page of the "
                f"{slip.part} chapter ({', '.join(PAGES_OF_PART[slip.part])})"
            )
        tags = [link["text"] for link in notes["links"] if link["from"] == slip.notes_anchor]
        if not any(t.endswith(label) for t in tags):
            problems.append(f"{label}: the notes' links for this slip do not name it ({tags})")
        back = links_from(errata, slip.errata_anchor)
        if (NOTES, slip.notes_anchor) not in back:
            problems.append(f"{label}: errata entry {slip.errata_anchor} does not link back to the notes")
    assert not problems, "\n  ".join([""] + problems)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_slips_are_marked_and_false_starts_struck_through(browser, server, lazy, scheme):
    context = browser.new_context(service_workers="block", color_scheme=scheme)
    try:
        page = context.new_page()
        page.goto(f"{server}/{NOTES}", wait_until="load", timeout=TIMEOUT_MS)
        lazy.scroll_through(page)
        marks = page.evaluate("""() => [...document.querySelectorAll('.bp-slip')].map(block => {
            const marks = [...block.querySelectorAll('mjx-container .bp-slip-mark')];
            const body = getComputedStyle(document.body).backgroundColor;
            return {id: block.id, marks: marks.length,
                    highlighted: marks.every(m => {
                        const bg = getComputedStyle(m).backgroundColor;
                        return bg !== 'rgba(0, 0, 0, 0)' && bg !== 'transparent' && bg !== body;
                    }),
                    tag: (block.querySelector('.bp-slip-tag') || {}).textContent || ''};
        })""")
        theme = page.evaluate("() => document.documentElement.dataset.theme")
        # a struck-through part is typeset as an enclosure with a strike line (\cancel: mjx-ustrike)
        struck = page.evaluate(
            "() => document.querySelectorAll('mjx-menclose > mjx-ustrike, mjx-menclose > mjx-hstrike').length"
        )
    finally:
        context.close()
    assert theme == scheme
    expected = {slip.notes_anchor: label for label, slip in catalogue()}
    assert {m["id"] for m in marks} == set(expected), "a slip line without its mark, or a mark without a slip"
    for m in marks:
        assert m["marks"] >= 1 and m["highlighted"], m
        assert m["tag"].strip() == f"slip {expected[m['id']]}", m
    assert struck == 3, f"{struck} struck-through passages typeset, the notes have 3"
