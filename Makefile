# Two entry points for a fresh machine: `make run` and `make test`.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test install sysdeps bench bench-hostile bench-patterns bench-ocr clean

$(STAMP): pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

run: $(STAMP)
	$(BIN)/fazhi batch seeds -o out

# What the tests drive for real (chromium, CJK fonts), installed when missing.
sysdeps:
	bash scripts/install-system-deps.sh

test: $(STAMP) sysdeps
	$(BIN)/python -m pytest

# Speed and accuracy side by side (a few minutes): writes benchmarks/results.md.
# The bench extra brings rjieba, the yardstick of issue 14's speed target.
$(VENV)/.bench-installed: $(STAMP)
	$(BIN)/pip install --quiet -e '.[test,bench]'
	touch $@

bench: $(VENV)/.bench-installed
	$(BIN)/python benchmarks/run.py

# Hostile inputs (2 MB line, nested HTML, 19 MB text, zip and alias bombs, a ReDoS rule):
# time and peak memory of each, into the same results.md.
bench-hostile: $(STAMP)
	$(BIN)/python benchmarks/adversarial.py

# Every compiled pattern on long lines of its own words: any whose time grows faster than the line.
bench-patterns: $(STAMP)
	$(BIN)/python benchmarks/pattern_growth.py

# OCR of the five seeds rendered as scans (one sealed, one turned 1.5°): character accuracy,
# statuses as for the .txt, seconds per page, into the same results.md (~50 pages of OCR).
bench-ocr: $(STAMP) sysdeps
	$(BIN)/python benchmarks/ocr.py

clean:
	rm -rf $(VENV) out .pytest_cache
