# Two commands do all the set-up: `make run` and `make test` (see README.md).
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000

.PHONY: run test bench install messages clean

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev]"
	touch $@

install: $(VENV)/.installed

run: install
	$(PY) manage.py migrate --noinput
	$(PY) manage.py seed_demo
	@echo ""
	@echo "  Deal Screen is starting on http://127.0.0.1:$(PORT)/"
	@echo "  Demo logins: analyst / demo-analyst, partner / demo-partner, admin / demo-admin"
	@echo ""
	@trap 'trap - INT TERM EXIT; kill 0' INT TERM EXIT; \
	mkdir -p var; \
	$(VENV)/bin/celery -A config worker --loglevel=INFO --concurrency=2 --without-gossip --without-mingle & \
	$(VENV)/bin/celery -A config beat --loglevel=INFO --schedule var/celerybeat-schedule & \
	$(PY) manage.py runserver 127.0.0.1:$(PORT)

test: install
	DJANGO_SETTINGS_MODULE=config.settings.test $(PY) -m pytest

bench: install
	@for script in bench/*.py; do echo "== $$script"; $(PY) $$script || exit 1; done

messages: install
	$(PY) manage.py makemessages --locale ko --ignore .venv --ignore staticfiles --no-obsolete
	$(PY) manage.py compilemessages --locale ko --ignore .venv

clean:
	rm -rf $(VENV) var staticfiles .pytest_cache
