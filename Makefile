# The commands the README names. Each creates .venv and installs the pinned
# environment (requirements/ci.txt) when it is missing or out of date.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
MODE   ?= standard
JOBS   ?= 2

.PHONY: course test lab notebooks colab-links lint pytest unit nbval clean robustness bench book

$(STAMP): requirements/ci.txt pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -r requirements/ci.txt
	$(PY) -m pip install -q --no-deps -e .
	touch $(STAMP)

## course: execute every lesson headless (papermill), JOBS lessons at a time (default 2; JOBS=1
## times each lesson alone against its budget), into build/executed/, write build/results.md
course: $(STAMP)
	$(PY) tools/run_course.py --mode $(MODE) --jobs $(JOBS) --out build/executed

## test: lint, all of pytest (unit, notebook checks, quick smoke run, browser), nbval
test: lint pytest nbval

## lint: ruff and the bilingual lint
lint: $(STAMP)
	$(PY) -m ruff check course_utils tests tools scripts notebooks
	$(PY) tools/bilingual.py lint notebooks

pytest: $(STAMP)
	bash tools/install_browser.sh
	$(PY) -m pytest tests

## unit: the fast inner loop: pytest without the notebook, browser and slow tests
unit: $(STAMP)
	$(PY) -m pytest tests -m "not notebook and not browser and not slow"

## nbval: the stored notebooks' checked cells, re-run with ONE TensorFlow thread, so every
## CI run checks that the verdicts survive other round-off than the stored outputs'
nbval: $(STAMP)
	TF_NUM_INTRAOP_THREADS=1 TF_NUM_INTEROP_THREADS=1 \
	$(PY) -m pytest -p no:cacheprovider --nbval-lax --nbval-current-env \
		--sanitize-with tests/nbval_sanitize.cfg notebooks

## lab: JupyterLab on the course
lab: $(STAMP)
	$(VENV)/bin/jupyter lab notebooks

## notebooks: re-execute the stored notebooks in place (standard mode), normalised
notebooks: $(STAMP)
	$(PY) tools/run_course.py --mode standard --out build/executed --store

## colab-links: rewrite badges and Colab guards from [project.urls] in pyproject.toml
colab-links: $(STAMP)
	$(PY) tools/colab_links.py

clean:
	rm -rf build

## robustness: run every lesson under seeds 0-4 and check that each checked cell's output holds
robustness: $(STAMP)
	$(PY) scripts/verdict_robustness.py --seeds 0 1 2 3 4 --threads 1

## bench: trainer overhead (interleaved trials: median, range, per-pair ratio), the DCGAN
## threshold ladder against TensorFlow's DCGAN tutorial, lesson wall times (from
## build/results.json); printed and written to build/bench.json with the machine's details.
## Options go through BENCH_ARGS, e.g. make bench BENCH_ARGS="--only dcgan --tutorial-cap 1200"
BENCH_ARGS ?=
bench: $(STAMP)
	$(PY) scripts/bench.py $(BENCH_ARGS)

## book: the course as a website per language from the stored notebooks (Sphinx + myst-nb,
## nothing executed or downloaded): build/book/en/ and build/book/zh/
book: $(STAMP)
	@$(PY) tools/book.py
