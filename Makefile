# Two commands do everything on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
MODEL_DIR := models/multilingual-e5-small

.PHONY: run test install install-dev lint lock model index serve eval bench clean

# requirements.txt and requirements-dev.txt are locks of every package version (`make lock`
# makes them from requirements.in and requirements-dev.in); the service's own environment
# holds no test tools until `make test` adds them.
$(VENV)/.installed: requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-dev: $(VENV)/.installed requirements-dev.txt
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@

install: $(VENV)/.installed

install-dev: $(VENV)/.installed-dev

lint: install-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

lock:
	test -x .venv-tools/bin/pip-compile || ($(PYTHON) -m venv .venv-tools && .venv-tools/bin/pip install --quiet pip-tools==7.7.0)
	.venv-tools/bin/pip-compile --quiet --strip-extras --no-emit-index-url --no-emit-find-links --allow-unsafe -o requirements.txt requirements.in
	.venv-tools/bin/pip-compile --quiet --strip-extras --no-emit-index-url --no-emit-find-links --allow-unsafe -o requirements-dev.txt requirements-dev.in

model: install
	$(PY) scripts/prepare_model.py --output $(MODEL_DIR)

index: model
	$(PY) scripts/build_index.py

run: index
	PORT=$(PORT) $(PY) scripts/serve.py

test: model install-dev lint
	bash scripts/ensure_browser.sh
	$(PY) -m pytest -q

eval: index
	$(PY) scripts/evaluate.py --split test

bench: index
	$(PY) scripts/bench.py

clean:
	rm -rf var/index
