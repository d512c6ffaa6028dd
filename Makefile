# Two commands: `make run` installs and starts the app; `make test` installs and runs the tests.
VENV ?= .venv
PY := $(VENV)/bin/python

.PHONY: run test check validate publish briefs serve-site chromium nginx check-links gold i18n

$(VENV)/.installed: pyproject.toml
	python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $@

run: $(VENV)/.installed chromium
	$(PY) -m streamlit run app.py --browser.gatherUsageStats false

validate: $(VENV)/.installed
	$(PY) -m components.data.validate data

# Every distinct source_url in the data: status, redirects, final address, a Wayback suggestion for dead links.
# Writes reports/link-check.csv (shown on the Freshness page) and changes nothing in data/.
check-links: $(VENV)/.installed
	$(PY) -m components.data.linkcheck data --out reports/link-check.csv

# The interface's translations (Babel): extract every string, update the French and Spanish catalogs
# (components/locale/*/LC_MESSAGES/atlas.po: translate the new empty entries there), compile them, list what is missing.
i18n: $(VENV)/.installed
	$(PY) -m components.content.messages

# The gold set (data/gold.yaml: facts checked by hand on official pages) against the data: prints what drifted.
gold: $(VENV)/.installed
	$(PY) -m components.model.gold data

# The static site (a page per instrument, party, institute and event, in English, in French under fr/ and in Spanish
# under es/; the JSON/CSV API) into site/. SITE_URL is its own address (permanent links, sitemap), LIVE_URL the live
# Atlas's ("Explore this in the live Atlas").
publish: $(VENV)/.installed
	$(PY) -m components.publish site --release all $(if $(SITE_URL),--base-url $(SITE_URL)) $(if $(LIVE_URL),--live-url $(LIVE_URL))

# Printed briefs (PDF, system chromium) of parties and instruments: make briefs PARTY=BRA INSTRUMENT=bletchley-declaration
# BRIEF_LANG="fr es" (or all) prints them in French and Spanish too (not LANG: that is the shell's locale).
briefs: $(VENV)/.installed chromium
	$(PY) -m components.publish.briefs site $(foreach p,$(PARTY),--party $(p)) $(foreach i,$(INSTRUMENT),--instrument $(i)) $(if $(PAPER),--paper $(PAPER)) $(if $(SITE_URL),--base-url $(SITE_URL)) $(foreach l,$(BRIEF_LANG),--lang $(l))

# The published site at / and the live Atlas under /explore/ behind nginx (deploy/serve-site.sh).
serve-site: $(VENV)/.installed nginx
	$(MAKE) publish LIVE_URL=$(or $(LIVE_URL),/explore)
	PYTHON=$(PY) bash deploy/serve-site.sh $(or $(REPLICAS),1) $(or $(PORT),8080) site

# Chart export (kaleido) and the browser tests drive Debian's chromium (browser downloads do not work offline).
chromium:
	@command -v chromium >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq chromium; }

# The workshop recipe's test starts nginx in front of two replicas (deploy/serve-workshop.sh).
nginx:
	@command -v nginx >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq nginx; }

# The fast tier for the inner loop: unit and page tests on both cores (under a minute on a 2-core machine).
check: $(VENV)/.installed chromium
	@start=$$(date +%s); $(PY) -m pytest -q -n 2 --dist loadgroup tests/unit tests/pages; status=$$?; \
	echo "make check: $$(( $$(date +%s) - start )) s"; exit $$status

# Every tier: unit and pages (both cores), then the integration and browser tests (one real server at a time).
test: $(VENV)/.installed chromium nginx
	$(PY) -m pytest -n 2 --dist loadgroup tests/unit tests/pages
	$(PY) -m pytest tests/integration tests/browser
