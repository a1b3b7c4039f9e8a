# Backpropagation, step by step — every task of the project. Quick start: `make book`, `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
NOTEBOOKS := $(sorted $(wildcard chapters/*.ipynb))

# Reproducible numbers in notebooks and tests: one BLAS thread, fixed hash seed.
export OMP_NUM_THREADS := 1
export OPENBLAS_NUM_THREADS := 1
export PYTHONHASHSEED := 0
export PYDEVD_DISABLE_FILE_VALIDATION := 1

.PHONY: help install book test test-unit test-notebooks test-book notebooks lab bench clean

help:
	@echo "make book       set up .venv if needed, build the HTML book into _build/html"
	@echo "make test       set up .venv if needed, run the whole test suite"
	@echo "make notebooks  re-execute every chapter in place (refreshes the stored outputs)"
	@echo "make lab        open the chapters in JupyterLab"
	@echo "make bench      print the benchmark figures"

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

test: test-unit test-notebooks test-book

test-unit: $(STAMP)
	$(BIN)/python -m pytest tests

# Strict nbval: every stored output is compared (never --nbval-lax).
test-notebooks: $(STAMP)
	$(BIN)/python -m pytest --nbval --nbval-current-env --nbval-sanitize-with tests/sanitize.cfg $(NOTEBOOKS)

test-book: $(STAMP)
	rm -rf _build/html
	$(BIN)/jupyter-book build . -W -n --keep-going

notebooks: $(STAMP)
	$(BIN)/jupyter nbconvert --to notebook --execute --inplace \
	  --ExecutePreprocessor.kernel_name=python3 --ExecutePreprocessor.timeout=600 $(NOTEBOOKS)

lab: $(STAMP)
	$(BIN)/jupyter lab chapters

bench: $(STAMP)
	$(BIN)/python benchmarks/bench.py

clean:
	rm -rf _build
