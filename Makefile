# Chi Bộ Số — the two commands: `make demo` and `make test`.
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON_VERSION := 3.12
VENV := .venv
PY := $(VENV)/bin/python
UV_VERSION := 0.13.9
TEST_DATABASE_URL ?= $(or $(DATABASE_URL),postgres://postgres@127.0.0.1:5432/chibo_test)
DEMO_MEMBERS ?= 20000
HOST ?= 127.0.0.1:8000

# python3.12 from PATH, else from pyenv (the `.python-version` file asks pyenv for 3.12).
PYTHON := $(shell command -v python$(PYTHON_VERSION) 2>/dev/null || ls -d $(HOME)/.pyenv/versions/$(PYTHON_VERSION).*/bin/python$(PYTHON_VERSION) 2>/dev/null | sort -V | tail -1)

.PHONY: help setup demo serve test lint types pytest-sqlite pytest-postgres pytest-replica browser deploy-tools messages bench-tree

help:
	@echo "make demo   — cài đặt, nạp dữ liệu mẫu và chạy ứng dụng tại http://$(HOST)"
	@echo "make test   — kiểm tra mã (ruff, mypy) và chạy toàn bộ kiểm thử trên SQLite và PostgreSQL"

$(VENV)/.synced: requirements.lock
	@if [ -z "$(PYTHON)" ]; then echo "Python $(PYTHON_VERSION) not found (PATH or pyenv)"; exit 1; fi
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	@test -x $(VENV)/bin/uv || $(PY) -m pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)
	$(VENV)/bin/uv pip sync --quiet --python $(PY) requirements.lock
	@touch $@

node_modules/.synced: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

LOCALE_PO := $(wildcard locale/*/LC_MESSAGES/django.po)
LOCALE_MO := $(LOCALE_PO:.po=.mo)
locale/%/LC_MESSAGES/django.mo: locale/%/LC_MESSAGES/django.po
	msgfmt --check -o $@ $<

setup: $(VENV)/.synced node_modules/.synced $(LOCALE_MO)

demo: setup
	@mkdir -p var
	DJANGO_SETTINGS_MODULE=config.settings.dev $(PY) manage.py run_demo --members $(DEMO_MEMBERS) --addrport $(HOST)

lint: setup
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/ruff check .

types: setup
	$(VENV)/bin/mypy .

# Debian's chromium drives the end-to-end tests; install it when it is missing.
browser:
	@command -v chromium >/dev/null || { apt-get update -qq && apt-get install -y -qq chromium >/dev/null; }

# Debian's nginx and openssl for the deployment smoke test (chibo/core/tests/test_deploy.py).
deploy-tools:
	@command -v nginx >/dev/null || test -x /usr/sbin/nginx || { apt-get update -qq && apt-get install -y -qq nginx openssl >/dev/null; }

pytest-sqlite: setup browser deploy-tools
	env -u DATABASE_URL $(VENV)/bin/pytest -q

pytest-postgres: setup browser deploy-tools
	@if ! $(PY) -c "import psycopg,sys; psycopg.connect(sys.argv[1].replace('/chibo_test','/postgres'), connect_timeout=5).close()" "$(TEST_DATABASE_URL)" 2>/dev/null; then \
		if [ "$$CI" = "true" ]; then echo "PostgreSQL unreachable at $(TEST_DATABASE_URL): failing (CI=true)"; exit 1; \
		else echo "WARNING: PostgreSQL unreachable at $(TEST_DATABASE_URL): PostgreSQL suite NOT run"; exit 0; fi; fi
	DATABASE_URL=$(TEST_DATABASE_URL) $(VENV)/bin/pytest -q

# The replica job: a primary and its streaming standby of our own (scripts/replica_pair.sh, ports
# 5434/5435), the router on, the replica tests plus the pages it routes (chibo/core/replica.py).
REPLICA_TESTS := chibo/core/tests/test_replica.py chibo/access/tests/test_matrix.py chibo/members/tests/test_statistics.py
pytest-replica: setup
	scripts/replica_pair.sh start
	DATABASE_URL=postgres://postgres@127.0.0.1:5434/chibo_test \
	DATABASE_REPLICA_URL=postgres://postgres@127.0.0.1:5435/chibo_test CHIBO_TEST_REAL_REPLICA=1 \
		$(VENV)/bin/pytest -q $(REPLICA_TESTS); status=$$?; scripts/replica_pair.sh stop; exit $$status

test: lint types pytest-sqlite pytest-postgres pytest-replica

bench-tree: setup
	$(PY) bench/tree_bench.py
