# CloseRead: `make run` serves the lesson, `make test` runs lint and the test suite, `make test-slow` the load tests.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
FLASK := $(BIN)/flask --app app

.PHONY: run serve test test-slow lint unit browser chromium vnu java init-db check-content clean

$(BIN)/activate:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: requirements.txt requirements-dev.txt | $(BIN)/activate
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	touch $@

init-db: $(VENV)/.installed
	$(FLASK) init-db

check-content: $(VENV)/.installed
	$(FLASK) check-content

run: init-db
	$(FLASK) run --host 127.0.0.1 --port 5000

# Production-style: gunicorn with the checked-in config (deploy/gunicorn.conf.py). Graceful reload:
# kill -HUP $$(cat instance/gunicorn.pid). Supervised runs: deploy/closeread.service or deploy/Dockerfile.
serve: init-db
	$(BIN)/gunicorn -c deploy/gunicorn.conf.py "app:create_app()"

# Debian's chromium drives the browser tests; install it when it is missing.
chromium:
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "Installing Debian's chromium for the browser tests"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium; }

# The Nu HTML checker (tests/test_html_valid.py): the vnu-jar npm package and a headless JRE. The same
# `npm ci` installs Lighthouse 12 (tests/slow/test_lighthouse.py).
# --ignore-scripts: the package's own install script would download a JRE; Debian's is used instead.
VNU_JAR := node_modules/vnu-jar/build/dist/vnu.jar
$(VNU_JAR): package.json package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund
	touch $@

java:
	@command -v java >/dev/null 2>&1 || { \
	  echo "Installing a headless JRE for the HTML checker"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq default-jre-headless; }

vnu: $(VNU_JAR) java

lint: $(VENV)/.installed
	$(BIN)/ruff check .

test: $(VENV)/.installed chromium vnu lint
	$(BIN)/python -m pytest --ignore=tests/slow

# Durability and backups under load with a real gunicorn (a few minutes at most); CI runs it too.
test-slow: $(VENV)/.installed chromium vnu
	$(BIN)/python -m pytest -s tests/slow

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache node_modules

# Benchmarks (bench/README.md): not part of `make test`. `bench` takes about 6 minutes and appends
# its figures to bench/RESULTS.md; `bench-smoke` is a short check that every benchmark still runs.
.PHONY: bench bench-smoke
bench: $(VENV)/.installed chromium
	$(BIN)/python -m bench.run_all

bench-smoke: $(VENV)/.installed chromium
	$(BIN)/python -m bench.run_all --smoke

# How well the chat tutor understands learner language (README: "How the tutor understands learners").
.PHONY: nlu-report
nlu-report: $(VENV)/.installed
	$(BIN)/python -m tests.nlu_report

# How well the lesson editor's draft helper suggests ledger labels (README: "Draft helper").
.PHONY: cue-report
cue-report: $(VENV)/.installed
	$(BIN)/python -m tests.cue_report
