# Backpropagation, step by step — every task of the project. Quick start: `make book`, `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
NOTEBOOKS := $(sort $(wildcard chapters/*.ipynb))

# Reproducible numbers in notebooks and tests: one BLAS thread, fixed hash seed.
export OMP_NUM_THREADS := 1
export OPENBLAS_NUM_THREADS := 1
export PYTHONHASHSEED := 0
export PYDEVD_DISABLE_FILE_VALIDATION := 1

# The browser tests drive Debian's Chromium (Playwright's own browser download does not work here).
CHROMIUM ?= /usr/bin/chromium
export CHROMIUM

.PHONY: help install book test check check-notebooks test-unit test-node test-notebooks test-book notebooks lab bench clean \
        test-browser test-binder lint-workflows chromium assets test-lab bench-lab bench-page bench-load \
        widgets node npm lint fmt lint-js

help:
	@echo "make book       set up .venv if needed, build the HTML book into _build/html"
	@echo "make test       set up .venv if needed, run the whole test suite"
	@echo "make check      while writing (≤ 90 s): unit and node tests, strict nbval of the notebooks changed from main (ALL=1: all), the strict build"
	@echo "make lint       ruff: lint and format check of the Python and the notebooks' code cells (part of make test)"
	@echo "make fmt        ruff: format the Python and the notebooks' code cells, apply the safe lint fixes"
	@echo "make notebooks  re-execute every chapter in place (refreshes the stored outputs)"
	@echo "make lab        open the chapters in JupyterLab"
	@echo "make test-node  the JavaScript twins and pure front-end functions against Python, under node --test (seconds)"
	@echo "make bench      print the benchmark figures"
	@echo "make bench-lab  print slider-to-figure latency in JupyterLab (Chromium)"
	@echo "make bench-page print slider-to-curve latency in the static book (Chromium; builds it if missing)"
	@echo "make bench-load print how fast each page of the book opens, desktop and phone (Chromium; builds it if missing)"
	@echo "make widgets    rebuild the widgets' front ends (src/bp/js/ → src/bp/static/, esbuild; needs node and npm)"
	@echo "make lint-js    lint the JavaScript with ESLint (eslint.config.js; needs node and npm)"
	@echo "make assets     refresh the committed npm file of the tests, axe-core (needs node and npm)"

# Set-up: a virtual environment with the pinned requirements and `bp` installed editable.
$(STAMP): requirements.txt pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	@# Build matplotlib's font cache now, or its first-run notice lands on a notebook's stderr.
	$(BIN)/python -c "import matplotlib.pyplot"
	touch $@

install: $(STAMP)

book: $(STAMP)
	$(BIN)/jupyter-book build . -W -n --keep-going

# make test's parts, each a target below: `a+b`, lanes side by side (two cores, one lane each);
# `a,b`, one after the other in a lane; one stage, so that neither core waits for the other's lane.
# Lane one: the linters, the unit and node tests, the strict build, then the browser tests on it.
# Lane two: the Binder simulation — a fresh venv from requirements.txt, where strict nbval runs every
# notebook (the notebooks run once, where a learner runs them) — then JupyterLab.
# scripts/timed.py runs them and prints at the end where the time went, part by part, and the slowest tests.
TEST_PARTS := lint,lint-js,lint-workflows,test-unit,test-node,test-book,test-browser+test-binder,test-lab

test: $(STAMP)
	$(BIN)/python scripts/timed.py $(TEST_PARTS)

# The loop while writing a page: unit and node tests, strict nbval of the notebooks that differ from
# $(BASE) (committed or not, new ones included; ALL=1: every notebook) and the strict build, two at a time.
BASE ?= main
CHANGED_NOTEBOOKS = $(sort $(wildcard $(filter chapters/%.ipynb,$(shell git diff --name-only $(BASE) -- chapters 2>/dev/null; \
                      git ls-files --others --exclude-standard -- chapters))))
check: $(STAMP) npm
	$(MAKE) --no-print-directory -j2 -Otarget test-unit test-node check-notebooks test-book

check-notebooks: $(STAMP)
	$(if $(ALL)$(CHANGED_NOTEBOOKS),$(BIN)/python -m pytest --nbval --nbval-current-env --nbval-sanitize-with tests/sanitize.cfg \
	  $(if $(ALL),$(NOTEBOOKS),$(CHANGED_NOTEBOOKS)),@echo "nbval: no notebook differs from $(BASE) (ALL=1 runs them all)")

test-unit: $(STAMP)
	$(BIN)/python -m pytest tests --ignore=tests/browser --ignore=tests/binder --ignore=tests/lab

# The twins (js/network.js, js/mlp.js, js/run.js) and the front ends' pure functions (js/format.js,
# js/plot.js) against Python, in node with no browser: tests/node/fixtures.py writes what bp computes
# for thousands of seeded settings into a temporary folder, node --test compares (tests/node/*.test.mjs),
# and gaps-reporter.mjs prints, at the end, each twin's count of settings and its largest gap.
test-node: $(STAMP) npm
	@d=$$(mktemp -d) && trap 'rm -rf "$$d"' EXIT && \
	  $(BIN)/python tests/node/fixtures.py "$$d" && \
	  BP_FIXTURES="$$d" node --test --test-reporter=spec --test-reporter-destination=stdout \
	    --test-reporter=./tests/node/gaps-reporter.mjs --test-reporter-destination=stdout tests/node/*.test.mjs

# Strict nbval: every stored output is compared (never --nbval-lax).
test-notebooks: $(STAMP)
	$(BIN)/python -m pytest --nbval --nbval-current-env --nbval-sanitize-with tests/sanitize.cfg $(NOTEBOOKS)

test-book: $(STAMP)
	rm -rf _build/html
	$(BIN)/jupyter-book build . -W -n --keep-going

# The built book in Chromium, network cut off: every page opened once and checked at 390/1400 px,
# light/dark (tests/browser/page_checks.py: offline assets, math, images, widgets, a11y, navigation,
# no sideways scroll, sharp figures, widgets in dark mode, length; screenshots of every page into
# _build/screenshots/, which CI uploads), search, the links between the notes,
# the errata and the chapters (tests/browser/test_notes_links.py), and the widgets live in the page
# (the explorers' curves equal bp.train's, the playgrounds' bp.mlp.train's, the tangent's and the
# steppers' numbers bp's; test_explorer_live.py, test_playground_live.py, test_tangent_live.py,
# test_stepper_live.py). BROWSER_WORKERS pytest-xdist workers, each with its own server and Chromium.
BROWSER_WORKERS ?= 2
test-browser: test-book chromium
	$(BIN)/python -m pytest tests/browser -n $(BROWSER_WORKERS) --dist worksteal --durations=10

# The chapters' explorers, tangent, steppers and playgrounds live in JupyterLab in Chromium: a real
# Jupyter server over a temporary copy of chapters/, driven with the keyboard, their numbers checked against bp.
test-lab: $(STAMP) chromium
	$(BIN)/python -m pytest tests/lab

# Binder simulated: fresh venv from exactly requirements.txt with runtime.txt's Python, and strict
# nbval of every notebook in it (slow: a full install; `make test-notebooks` is the quick nbval in .venv).
test-binder: $(STAMP)
	$(BIN)/python -m pytest tests/binder

# ruff (pinned in requirements.txt, configured in pyproject.toml and chapters/ruff.toml): the rules, then
# the layout; notebooks' code cells included. `make fmt` applies what ruff can fix itself.
LINT_PATHS := src tests scripts benchmarks chapters $(wildcard *.py)

lint: $(STAMP)
	$(BIN)/ruff check $(LINT_PATHS)
	$(BIN)/ruff format --check $(LINT_PATHS)

# ruff's writer would change numbers in the notebooks' widget state: scripts/fmt.py keeps their JSON.
fmt: $(STAMP)
	$(BIN)/python scripts/fmt.py $(BIN)/ruff $(LINT_PATHS)

# The GitHub workflows against their JSON schema (shipped inside check-jsonschema: works offline).
lint-workflows: $(STAMP)
	$(BIN)/check-jsonschema --builtin-schema vendor.github-workflows .github/workflows/*.yml

# Debian's Chromium: installed when root (apt), otherwise the one command to run.
chromium:
	@test -x "$(CHROMIUM)" || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium; \
	  else \
	    echo "The browser test needs Chromium at $(CHROMIUM). Install it with: sudo apt-get install -y chromium" >&2; \
	    exit 1; \
	  fi; }
	@test -x "$(CHROMIUM)" || { echo "No Chromium at $(CHROMIUM) (set CHROMIUM to its path)" >&2; exit 1; }

# Node and npm (Debian's), for `make widgets` and the test that the committed modules are fresh:
# installed when root (apt), otherwise the one command to run.
node:
	@command -v node >/dev/null && command -v npm >/dev/null || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q nodejs npm; \
	  else \
	    echo "Building the widgets needs node and npm. Install them with: sudo apt-get install -y nodejs npm" >&2; \
	    exit 1; \
	  fi; }

# The widgets' front ends: esbuild (pinned in package.json/package-lock.json) bundles each widget's
# src/bp/js/<name>.js and <name>.css into src/bp/static/ (minified, with a source map), committed so
# that the book, Binder and pip install need no node (tests/test_static_fresh.py checks they are fresh).
widgets: npm
	node scripts/build-widgets.mjs

# node_modules exactly as package-lock.json pins it: `npm ci` again whenever the lock file changed
# (node_modules/.bp-lock is the copy of the lock file it was installed from).
npm: node
	@cmp -s package-lock.json node_modules/.bp-lock || { npm ci --no-audit --no-fund --loglevel=error && \
	  cp package-lock.json node_modules/.bp-lock; }

# ESLint (pinned in package.json/package-lock.json) over the book's JavaScript: the widgets' front ends,
# the page scripts, the build script and the node tests (eslint.config.js says which rules and why).
lint-js: npm
	node_modules/.bin/eslint .

# axe-core (the browser test's accessibility scan) from npm, pinned in package.json/package-lock.json, into
# tests/browser/vendor/, where it is committed. The book itself serves no npm file.
assets:
	scripts/refresh-npm-assets.sh

notebooks: $(STAMP)
	$(BIN)/jupyter nbconvert --to notebook --execute --inplace \
	  --ExecutePreprocessor.kernel_name=python3 --ExecutePreprocessor.timeout=600 \
	  --ExecutePreprocessor.record_timing=False $(NOTEBOOKS)
	@# The book serves the widgets' current modules itself: the notebooks keep only a stub (bp.widget.STUB).
	$(BIN)/python scripts/strip-widget-modules.py $(NOTEBOOKS)

lab: $(STAMP)
	$(BIN)/jupyter lab chapters

bench: $(STAMP)
	$(BIN)/python benchmarks/bench.py

bench-lab: $(STAMP) chromium
	$(BIN)/python benchmarks/lab_latency.py

# The explorers and playgrounds in the built book (no kernel): control change to redrawn figure, the
# playground's longest chunk of work, and the page weight; the digit pad: pen move to new probabilities.
bench-page: $(STAMP) chromium
	test -f _build/html/index.html || $(BIN)/jupyter-book build . -W -n --keep-going
	$(BIN)/python benchmarks/page_latency.py
	$(BIN)/python benchmarks/digits_latency.py

# Every page of the built book opened cold (median of 5): bytes gzip-compressed and requests before the
# reader scrolls, first paint, load, long tasks, the first widget drawn once scrolled to; at desktop
# size and at phone size with the CPU slowed 4x. BEFORE=dir measures another build alternately too.
bench-load: $(STAMP) chromium
	test -f _build/html/index.html || $(BIN)/jupyter-book build . -W -n --keep-going
	$(BIN)/python benchmarks/load.py $(if $(BEFORE),--before $(BEFORE))

clean:
	rm -rf _build
