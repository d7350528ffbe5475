# marsad — the two commands of the README are `make demo` and `make test`.
PY ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
DB ?= marsad.db

.PHONY: demo test install install-dev system-deps lint bench screenshots serve clean docs eval train-join train-actions train-tagger

$(BIN)/python:
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

install: $(BIN)/python
	$(BIN)/pip install -q -e ".[web]"

install-dev: $(BIN)/python
	$(BIN)/pip install -q -e ".[web,pg,dask,dev,train]"

# Debian packages the browser tests and screenshots need (root only; skipped otherwise). A busy
# package manager is waited for (5 minutes for the dpkg lock) and the whole step tried 5 times.
APT_GET := DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 -o Acquire::Retries=3
system-deps:
	@if [ ! -x /usr/bin/chromium ] && [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		echo "installing Debian chromium and Arabic fonts"; \
		for try in 1 2 3 4 5; do \
			$(APT_GET) update -qq && $(APT_GET) install -y -qq chromium fonts-noto-core >/dev/null && exit 0; \
			echo "apt-get failed (try $$try of 5; the package manager may be busy)"; \
			[ $$try = 5 ] || sleep $$((try * 20)); \
		done; exit 1; \
	fi

## Quick start 1: set up, ingest the bundled samples into $(DB), print the report.
demo: install
	$(BIN)/marsad demo --db $(DB)

## Quick start 2: set up and run the whole test suite.
test: install-dev system-deps
	$(BIN)/ruff check marsad tests bench scripts
	$(BIN)/pytest -q -p no:cacheprovider --timeout 600

lint: install-dev
	$(BIN)/ruff check marsad tests bench scripts

# Archive sizes for the per-article event-linking cost (the 100k archive takes about 15 minutes
# to build on 2 cores); e.g. `make bench ARCHIVE_SIZES=1000,10000` for a shorter run.
ARCHIVE_SIZES ?= 1000,10000,100000
# Search latency at these sizes (1,000,000 articles: about 8 minutes to build, 9 GB of disk).
SEARCH_SIZES ?= 10000,100000,1000000
# Articles streamed through `marsad ingest` while its memory is read (full pipeline).
MEMORY_ARTICLES ?= 5000

bench: install-dev
	$(BIN)/pip install -q -e ".[pg]"
	$(BIN)/python bench/bench_ingest.py
	$(BIN)/python bench/bench_long.py | tee bench/results/long.txt
	$(BIN)/python bench/bench_events.py --sizes $(ARCHIVE_SIZES) --dense-sizes 1000,10000
	$(BIN)/python bench/bench_parallel.py | tee bench/results/parallel.txt
	$(BIN)/python bench/bench_search.py --sizes $(SEARCH_SIZES) | tee bench/results/search.txt
	$(BIN)/python bench/bench_memory.py --n $(MEMORY_ARTICLES) | tee bench/results/memory.txt
	$(BIN)/python bench/bench_memory.py --n $(MEMORY_ARTICLES) --fresh-words 150 | tee bench/results/memory_fresh.txt
	@for b in bench/bench_backends.py bench/bench_dask.py; do \
		if [ -f $$b ]; then $(BIN)/python $$b || exit 1; fi; done
	$(BIN)/python bench/summary.py

screenshots: install-dev system-deps
	$(BIN)/python scripts/screenshots.py

# Event quality on the labelled development sets beside the checkout (../shared/data).
eval: install
	$(BIN)/marsad eval ../shared/data/events_dev_a ../shared/data/events_dev_b \
		--action-types tests/fixtures/report_action_types.json

# Refit the action sentence classifiers on 60% of the crowd-labelled GSR sentences; prints the
# held-out 40% (classifier alone, then the whole coder).
train-actions: install-dev
	$(BIN)/python -m marsad.extract.action_training ../shared/data/arabic_event_gsr --out marsad/models/actions.json

# Retrain the name tagger and its word classes on 80% of NewsFANE Gold (classes also from the GSR
# sentences), print exact-span P/R/F1 on the other 20%, then refit on all of it and ship that.
train-tagger: install-dev
	$(BIN)/python -m marsad.extract.tagger_training ../shared/data/newsfane_gold --final --out marsad/models/ner.crfsuite

# Refit the join model on the labelled development sets: prints A->B and B->A held-out scores,
# then writes the model fitted on both into the package.
train-join: install-dev
	$(BIN)/python -m marsad.link.join_training ../shared/data/events_dev_a ../shared/data/events_dev_b \
		--out marsad/models/join.json

serve: install
	$(BIN)/marsad serve --db $(DB)

clean:
	rm -rf $(VENV) *.egg-info .pytest_cache .ruff_cache $(DB) $(DB)-wal $(DB)-shm

# Regenerate the README's configuration table from the defaults file.
docs: install
	$(BIN)/python scripts/config_doc.py --readme README.md
