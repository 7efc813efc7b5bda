# No Limits. Two commands for a fresh machine (Python 3.11 and make):
#   make run   install, migrate, load demo content, start the site and its worker
#   make test  install and run every test (checks, unit, integration, browser)
SHELL := /bin/bash
PYTHON ?= python3
UV_VERSION := 0.13.8
TOOLS := .tools
UV := $(TOOLS)/bin/uv
PY := .venv/bin/python
MANAGE := $(PY) manage.py
# The local demo switches off the admin two-factor requirement so demo logins work without an
# authenticator app. `make run ADMIN_MFA_REQUIRED=true` keeps it on. Production always enforces it.
ADMIN_MFA_REQUIRED ?= false

.PHONY: run test install browser bench lint clean

$(UV):
	$(PYTHON) -m venv $(TOOLS)
	$(TOOLS)/bin/pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)

# --compile-bytecode: this environment sets PYTHONDONTWRITEBYTECODE, so without it every command
# compiles Django and Wagtail again at start (manage.py check: 5.5 s CPU before, 3.1 s after).
install: $(UV)
	UV_PROJECT_ENVIRONMENT=.venv $(UV) sync --locked --quiet --compile-bytecode

run: install
	$(MANAGE) migrate --noinput
	$(MANAGE) createcachetable
	$(MANAGE) load_demo
	ADMIN_MFA_REQUIRED=$(ADMIN_MFA_REQUIRED) bin/run-dev

# Browser tests drive Debian's Chromium; install it when we can (root), else say how.
browser:
	@if [ ! -x /usr/bin/chromium ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else \
	    echo "The browser tests need Debian's Chromium: sudo apt-get install chromium"; exit 1; \
	  fi; \
	fi

test: install browser
	.venv/bin/ruff check --quiet .
	DJANGO_SETTINGS_MODULE=nolimits.settings.test $(MANAGE) check --fail-level WARNING
	DJANGO_SETTINGS_MODULE=nolimits.settings.test $(MANAGE) makemigrations --check --dry-run
	$(PY) -m pytest

lint: install
	.venv/bin/ruff check .

bench: install
	@for f in bench/bench_*.py; do $(PY) $$f || exit 1; done

clean:
	rm -rf .venv $(TOOLS) db.sqlite3 db.sqlite3-wal db.sqlite3-shm var
