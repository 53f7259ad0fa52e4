# Two commands do everything on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
MODEL_DIR := models/multilingual-e5-small

.PHONY: run test install model index serve eval bench clean

$(VENV)/.installed: requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

install: $(VENV)/.installed

model: install
	$(PY) scripts/prepare_model.py --output $(MODEL_DIR)

index: model
	$(PY) scripts/build_index.py

run: index
	PORT=$(PORT) $(PY) scripts/serve.py

test: model
	bash scripts/ensure_browser.sh
	$(PY) -m pytest -q

eval: index
	$(PY) scripts/evaluate.py --split test

bench: index
	$(PY) scripts/bench.py

clean:
	rm -rf var/index
