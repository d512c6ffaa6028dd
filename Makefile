# Two commands: `make run` installs and starts the app; `make test` installs and runs the tests.
VENV ?= .venv
PY := $(VENV)/bin/python

.PHONY: run test validate chromium nginx

$(VENV)/.installed: pyproject.toml
	python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $@

run: $(VENV)/.installed chromium
	$(PY) -m streamlit run app.py --browser.gatherUsageStats false

validate: $(VENV)/.installed
	$(PY) -m components.data.validate data

# Chart export (kaleido) and the browser tests drive Debian's chromium (browser downloads do not work offline).
chromium:
	@command -v chromium >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq chromium; }

# The workshop recipe's test starts nginx in front of two replicas (deploy/serve-workshop.sh).
nginx:
	@command -v nginx >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq nginx; }

test: $(VENV)/.installed chromium nginx
	$(PY) -m pytest
