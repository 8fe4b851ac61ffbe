# The README's commands. `make run` and `make test` work on a fresh machine: they create
# .venv and install what they need, `make run` the runtime (requirements.txt), the others
# also the tests and tools (requirements-dev.txt). One venv; a stamp per requirements set,
# named after the files' checksum, so editing either file reinstalls.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
RUNTIME_STAMP := $(VENV)/.installed-runtime-$(shell cat requirements.txt | cksum | cut -d' ' -f1)
DEV_STAMP := $(VENV)/.installed-dev-$(shell cat requirements.txt requirements-dev.txt | cksum | cut -d' ' -f1)
HOST ?= 127.0.0.1
PORT ?= 8000
# Two workers on this 2-core machine; `make test PYTEST_ARGS="tests/news -x"` for a subset.
PYTEST_ARGS ?= -n auto

# `make run` is production-like (DEBUG off, gunicorn, WhiteNoise, hashed static files)
# but on plain http on this machine, so https-only settings are relaxed here.
RUN_ENV = SECRET_KEY="$$(cat var/secret_key)" ALLOWED_HOSTS=127.0.0.1,localhost \
	SECURE_SSL_REDIRECT=0 SECURE_COOKIES=0 SECURE_HSTS_SECONDS=0 SERVE_MEDIA=1
TEST_ENV = SECRET_KEY=test-only-not-secret SECURE_SSL_REDIRECT=0 SECURE_COOKIES=0 SECURE_HSTS_SECONDS=0

.PHONY: install install-runtime run dev test lint format clean audit audit-tools

$(RUNTIME_STAMP): requirements.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	rm -f $(VENV)/.installed-runtime-*
	touch $(RUNTIME_STAMP)

# The dev set includes the runtime, so it leaves the runtime stamp current too.
$(DEV_STAMP): requirements.txt requirements-dev.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	rm -f $(VENV)/.installed-runtime-* $(VENV)/.installed-dev-* $(VENV)/.installed-[0-9]*
	touch $(RUNTIME_STAMP) $(DEV_STAMP)

install-runtime: $(RUNTIME_STAMP)

install: $(DEV_STAMP)

var/secret_key:
	mkdir -p var
	$(PYTHON) -c "import secrets; print(secrets.token_urlsafe(50))" > var/secret_key

run: install-runtime var/secret_key
	$(RUN_ENV) $(BIN)/python manage.py migrate --noinput
	$(RUN_ENV) $(BIN)/python manage.py collectstatic --noinput --verbosity 0
	$(RUN_ENV) $(BIN)/python manage.py load_demo
	$(RUN_ENV) $(BIN)/python manage.py ensure_admin
	@echo "Trang web: http://$(HOST):$(PORT)/  ·  Quản trị: http://$(HOST):$(PORT)/admin/"
	@echo "Mạng lưới mẫu: http://congdoan.localhost:$(PORT)/  http://thainguyen.localhost:$(PORT)/  http://sonla.localhost:$(PORT)/  (tên miền cũ: http://backan.localhost:$(PORT)/)"
	$(RUN_ENV) $(BIN)/gunicorn congdoan.wsgi --bind $(HOST):$(PORT) --workers 2 --access-logfile -

dev: install
	DEBUG=1 $(BIN)/python manage.py migrate --noinput
	DEBUG=1 $(BIN)/python manage.py load_demo
	DEBUG=1 $(BIN)/python manage.py ensure_admin
	DEBUG=1 $(BIN)/python manage.py runserver $(HOST):$(PORT)

test: install
	$(TEST_ENV) $(BIN)/pytest $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache tools/audit/node_modules

# `make audit`: Nu HTML Checker, axe-core and Lighthouse (mobile) on thirteen pages of the site
# with demo data, in Debian's Chromium; thresholds in tools/audit/run_audit.py; results,
# reports and screenshots in var/audit/. The npm tools are pinned in tools/audit/package-lock.json
# and installed without install scripts: nothing downloads a browser or a JDK.
AUDIT_DIR := tools/audit
AUDIT_STAMP := $(AUDIT_DIR)/node_modules/.installed-$(shell cksum $(AUDIT_DIR)/package-lock.json | cut -d' ' -f1)
NO_BROWSER_DOWNLOAD = PUPPETEER_SKIP_DOWNLOAD=1 PUPPETEER_SKIP_CHROME_DOWNLOAD=1 \
	PUPPETEER_SKIP_CHROME_HEADLESS_SHELL_DOWNLOAD=1 PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1

$(AUDIT_STAMP): $(AUDIT_DIR)/package.json $(AUDIT_DIR)/package-lock.json
	@command -v npm >/dev/null || { echo "make audit needs Node.js (20 or newer) and npm"; exit 1; }
	cd $(AUDIT_DIR) && $(NO_BROWSER_DOWNLOAD) npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	touch $@

audit-tools: $(AUDIT_STAMP)
	@for pkg in /usr/bin/chromium:chromium java:openjdk-17-jre-headless; do \
	  cmd=$${pkg%%:*}; deb=$${pkg#*:}; \
	  if ! command -v $$cmd >/dev/null 2>&1; then \
	    if [ "$$(id -u)" = 0 ]; then \
	      echo "Installing $$deb (Debian package) for make audit"; \
	      apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$deb >/dev/null || exit 1; \
	    else echo "make audit needs $$cmd: apt-get install $$deb (as root)"; exit 1; fi; \
	  fi; \
	done

audit: install var/secret_key audit-tools
	$(RUN_ENV) CHROME_PATH=/usr/bin/chromium $(BIN)/python $(AUDIT_DIR)/run_audit.py

# `make bench` (SQLite) or `make bench DB=postgres` (PostgreSQL congdoan_bench + Redis db 3):
# a fresh database with ~5,000 articles, gunicorn with 2 workers, wrk on each page with the
# page cache off and on, nginx in front when installed (BENCH_NGINX=1 installs it as root).
# BENCH_SECONDS=10 per target; BENCH_STRICT=1 fails when a target is missed.
# BENCH_ARTICLES=1000000 (BENCH_FEDERATIONS=60 for the network's sixty section trees): the
# pages and searches are measured at BENCH_SMALL (5,000) articles first, then the archive
# grows to BENCH_ARTICLES and the growth table compares the two (with the plans; the growth
# in instructions counted by valgrind, installed here as root, else in CPU ms).
DB ?= sqlite
BENCH_ARTICLES ?= 5000
BENCH_FEDERATIONS ?= 1
BENCH_SMALL ?= 5000
BENCH_DIR := var/bench
# BENCH_DB_NAME / BENCH_REDIS_DB: another database and Redis db (two benches side by side).
BENCH_DB_NAME ?= congdoan_bench
BENCH_REDIS_DB ?= 3
BENCH_DATABASE_URL = $(if $(filter postgres,$(DB)),postgres://postgres@127.0.0.1:5432/$(BENCH_DB_NAME),sqlite:///$(CURDIR)/$(BENCH_DIR)/bench.sqlite3)
BENCH_REDIS_URL = $(if $(filter postgres,$(DB)),redis://127.0.0.1:6379/$(BENCH_REDIS_DB),)
BENCH_ENV = $(RUN_ENV) DATABASE_URL=$(BENCH_DATABASE_URL) \
	BENCH_REDIS_URL=$(BENCH_REDIS_URL) MEDIA_ROOT=$(CURDIR)/$(BENCH_DIR)/media \
	STATIC_ROOT=$(CURDIR)/$(BENCH_DIR)/static PAGE_CACHE_SECONDS=0

.PHONY: bench bench-tools
bench-tools:
	@command -v wrk >/dev/null || { [ "$$(id -u)" = 0 ] && apt-get install -y -q wrk >/dev/null; } \
		|| { echo "wrk is missing: sudo apt-get install wrk"; exit 1; }
	@command -v valgrind >/dev/null || { [ "$$(id -u)" = 0 ] && apt-get install -y -q valgrind >/dev/null; } \
		|| echo "valgrind is missing (sudo apt-get install valgrind): the growth table falls back to CPU ms"
	@if [ "$(BENCH_NGINX)" = 1 ] && ! command -v nginx >/dev/null && [ ! -x /usr/sbin/nginx ]; then \
		if [ "$$(id -u)" = 0 ]; then DEBIAN_FRONTEND=noninteractive apt-get install -y -q nginx >/dev/null; \
		else echo "nginx is missing: sudo apt-get install nginx"; fi; fi

bench: install var/secret_key bench-tools
	@mkdir -p $(BENCH_DIR)
	$(BENCH_ENV) $(BIN)/python tools/run_bench.py createdb
	$(BENCH_ENV) $(BIN)/python manage.py migrate --noinput --verbosity 0
	$(BENCH_ENV) $(BIN)/python manage.py collectstatic --noinput --verbosity 0
	$(BENCH_ENV) $(BIN)/python tools/seed_bench.py --articles $(BENCH_SMALL) --federations $(BENCH_FEDERATIONS)
	$(BENCH_ENV) $(BIN)/python tools/run_bench.py growth
	$(BENCH_ENV) $(BIN)/python tools/seed_bench.py --articles $(BENCH_ARTICLES) --federations $(BENCH_FEDERATIONS)
	$(BENCH_ENV) $(BIN)/python tools/run_bench.py

# `make bench-documents DB=postgres`: the document register at BENCH_DOCUMENTS (50,000) documents
# in the bench database (tools/document_bench.py): seeded by COPY, then the register with a filter
# and a search timed in-process on a page-cache miss, p50/p99, queries and EXPLAIN ANALYZE.
BENCH_DOCUMENTS ?= 50000
.PHONY: bench-documents
bench-documents: install var/secret_key
	@mkdir -p $(BENCH_DIR)
	$(BENCH_ENV) $(BIN)/python tools/run_bench.py createdb
	$(BENCH_ENV) $(BIN)/python manage.py migrate --noinput --verbosity 0
	$(BENCH_ENV) STATIC_HASHED=0 $(BIN)/python tools/document_bench.py seed --documents $(BENCH_DOCUMENTS)
	$(BENCH_ENV) STATIC_HASHED=0 ALLOWED_HOSTS=127.0.0.1 $(BIN)/python tools/document_bench.py measure

# `make bench-network` (issue 14): the network on PostgreSQL, 60 federations × 15,000 articles
# (BENCH_NETWORK_FEDERATIONS, BENCH_NETWORK_ARTICLES) in $(BENCH_DB_NAME)_network, against one
# federation × 15,000 in $(BENCH_DB_NAME)_single: two gunicorn instances behind the shipped nginx
# config (round robin), shared Redis; uncached home, section, article, search per federation (by
# its Host) and the national aggregate, side by side. BENCH_NETWORK_SEED=0 reuses seeded databases.
BENCH_NETWORK_FEDERATIONS ?= 60
BENCH_NETWORK_ARTICLES ?= 915000
BENCH_NETWORK_SINGLE ?= 15000
BENCH_NETWORK_SEED ?= 1
BENCH_PG = postgres://postgres@127.0.0.1:5432/$(BENCH_DB_NAME)
BENCH_NETWORK_ENV = $(RUN_ENV) BENCH_REDIS_URL=redis://127.0.0.1:6379/$(BENCH_REDIS_DB) \
	MEDIA_ROOT=$(CURDIR)/$(BENCH_DIR)/media STATIC_ROOT=$(CURDIR)/$(BENCH_DIR)/static PAGE_CACHE_SECONDS=0
.PHONY: bench-network
bench-network: install var/secret_key
	@$(MAKE) --no-print-directory bench-tools BENCH_NGINX=1
	@mkdir -p $(BENCH_DIR)
	@if [ "$(BENCH_NETWORK_SEED)" = 1 ]; then \
	  for pair in single:1:$(BENCH_NETWORK_SINGLE) network:$(BENCH_NETWORK_FEDERATIONS):$(BENCH_NETWORK_ARTICLES); do \
	    name=$${pair%%:*}; rest=$${pair#*:}; federations=$${rest%%:*}; articles=$${rest#*:}; \
	    env $(BENCH_NETWORK_ENV) DATABASE_URL=$(BENCH_PG)_$$name sh -c "$(BIN)/python tools/run_bench.py createdb && \
	      $(BIN)/python manage.py migrate --noinput --verbosity 0 && \
	      $(BIN)/python manage.py collectstatic --noinput --verbosity 0 && \
	      $(BIN)/python tools/seed_bench.py --articles $$articles --federations $$federations" || exit 1; \
	  done; fi
	$(BENCH_NETWORK_ENV) DATABASE_URL=$(BENCH_PG)_network BENCH_SINGLE_DATABASE_URL=$(BENCH_PG)_single \
		$(BIN)/python tools/run_bench.py network

# `make bench-contest`: 300 simulated contestants register and take a 20-question attempt at
# once against gunicorn on PostgreSQL (CONTEST_BENCH_DATABASE_URL, made afresh); prints lost/double
# answers, 5xx, latencies, the machine's load and steal, and server CPU per request. Knobs: see
# tools/contest_bench.py; `make bench-contest CONTEST_BENCH_USERS=3000 CONTEST_BENCH_SERVERS=2`
# is the network's mode (two gunicorn instances behind nginx, installed here when run as root).
CONTEST_BENCH_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/congdoan_bench_contest
CONTEST_BENCH_SERVERS ?= 1
.PHONY: bench-contest
bench-contest: install var/secret_key
	@if [ "$(CONTEST_BENCH_SERVERS)" != 1 ] && ! command -v nginx >/dev/null && [ ! -x /usr/sbin/nginx ]; then \
		if [ "$$(id -u)" = 0 ]; then DEBIAN_FRONTEND=noninteractive apt-get install -y -q nginx >/dev/null; \
		else echo "nginx is missing: sudo apt-get install nginx"; exit 1; fi; fi
	$(RUN_ENV) STATIC_ROOT=$(CURDIR)/$(BENCH_DIR)/static STATIC_HASHED=0 \
		$(BIN)/python manage.py collectstatic --noinput --verbosity 0
	$(RUN_ENV) DATABASE_URL=$(CONTEST_BENCH_DATABASE_URL) CONTEST_BENCH_SERVERS=$(CONTEST_BENCH_SERVERS) \
		MEDIA_ROOT=$(CURDIR)/$(BENCH_DIR)/media STATIC_ROOT=$(CURDIR)/$(BENCH_DIR)/static \
		STATIC_HASHED=0 PAGE_CACHE_SECONDS=0 $(BIN)/python tools/contest_bench.py
