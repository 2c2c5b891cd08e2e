# CloseRead: `make run` serves the lesson, `make test` runs lint and the test suite, `make test-slow` the load tests.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
FLASK := $(BIN)/flask --app app

.PHONY: run test test-slow lint unit browser chromium init-db check-content clean

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

# Debian's chromium drives the browser tests; install it when it is missing.
chromium:
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "Installing Debian's chromium for the browser tests"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium; }

lint: $(VENV)/.installed
	$(BIN)/ruff check .

test: $(VENV)/.installed chromium lint
	$(BIN)/python -m pytest --ignore=tests/slow

# Durability and backups under load with a real gunicorn (a few minutes at most); CI runs it too.
test-slow: $(VENV)/.installed
	$(BIN)/python -m pytest -s tests/slow

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache

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
