# make run   install, migrate, load the demo county, serve http://127.0.0.1:8000 (gunicorn + job worker)
# make dev   the same with Django's auto-reloading runserver (and the job worker, reloading too)
# make test  install, then lint, type-check and run every test on SQLite and on PostgreSQL

VENV    ?= .venv
BIN     := $(CURDIR)/$(VENV)/bin
PG_URL  ?= $(or $(POSTGRES_URL),postgres://postgres@127.0.0.1:5432/test)
HOST    ?= 127.0.0.1
PORT    ?= 8000
export PATH := $(BIN):$(PATH)

.PHONY: install install-dev system-packages run dev test lint messages demo clean

install: system-packages $(VENV)/.installed node_modules/.installed messages
install-dev: install $(VENV)/.installed-dev

# Debian packages the app itself needs: gettext (compiling translations), Pango and CJK fonts (PDF printing).
SYSTEM_PACKAGES := gettext libpango-1.0-0 libpangoft2-1.0-0 fonts-noto-cjk
system-packages:
	@missing=$$(for p in $(SYSTEM_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then \
		echo "installing from Debian: $$missing"; \
		apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $$missing; \
	fi

$(VENV)/.installed: pyproject.toml
	python3 -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e .
	touch $@

# Developer tools (the `dev` extra) only for `make test`; `make run` installs what the app needs at run time.
$(VENV)/.installed-dev: $(VENV)/.installed pyproject.toml
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

messages: $(VENV)/.installed
	cd qingdan && $(BIN)/qingdan compilemessages --verbosity 0

# `qingdan serve` starts gunicorn (workers sized to the cores) and the job worker; one Ctrl-C stops both.
run: install
	qingdan migrate --noinput
	qingdan demo
	qingdan serve --host $(HOST) --port $(PORT)

dev: install
	qingdan migrate --noinput
	qingdan demo
	DEBUG=1 qingdan serve --dev --host $(HOST) --port $(PORT)

demo: install
	qingdan migrate --noinput
	qingdan demo

lint: install-dev
	ruff check qingdan bench
	mypy qingdan
	DJANGO_SETTINGS_MODULE=qingdan.settings_test qingdan check
	DJANGO_SETTINGS_MODULE=qingdan.settings_test qingdan makemigrations --check --dry-run

test: lint
	@mkdir -p var && rm -f var/postgres-tested
	DATABASE_URL= pytest
	@if $(BIN)/python -c "import psycopg,sys; psycopg.connect('$(PG_URL)', connect_timeout=3).close()" 2>/dev/null; then \
		echo "--- the same tests on PostgreSQL ---"; \
		DATABASE_URL='$(PG_URL)' pytest && touch var/postgres-tested; \
	else \
		echo "PostgreSQL not reachable at $(PG_URL): skipped the PostgreSQL run"; \
	fi

clean:
	rm -rf $(VENV) node_modules var
