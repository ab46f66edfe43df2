# A newcomer's commands. Each does its own set-up into .venv (idempotent; offline apart from the
# package registries).
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test eval bench setup clean-venv train

$(STAMP): pyproject.toml
	test -d $(VENV) || $(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

setup: $(STAMP)

## the main job on the bundled examples: store them in chronicle.duckdb and print what was found
demo: $(STAMP)
	$(BIN)/python -m chronicle.demo examples/ --db chronicle.duckdb

## the whole test suite (tests needing ../shared/data skip with a reason when it is absent)
test: $(STAMP)
	$(BIN)/python -m pytest -q

## development scores on ../shared/data (fast CI subset; add ARGS=--full for the whole sets)
eval: $(STAMP)
	$(BIN)/chronicle eval $(ARGS)

bench: $(STAMP)
	$(BIN)/chronicle bench $(ARGS)

clean-venv:
	rm -rf $(VENV)

## refit the no-trigger event fallback from ../shared/data (weights ship in chronicle/events/model/; the classifier and confidence only with python -m chronicle.events.train --calibration)
train: $(STAMP)
	$(BIN)/python -m chronicle.events.train
