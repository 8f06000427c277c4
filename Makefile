# The two commands of the README: `make rehearse` and `make test`. Both start with `make setup`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: setup test rehearse lint bench clean build-SkillFunction

setup: $(STAMP)
	@scripts/ensure-espeak
	@scripts/ensure-listening
	@scripts/ensure-screens

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

test: setup
	$(BIN)/ruff check .
	$(BIN)/python -m skill lint journeys/
	$(BIN)/python -m pytest -q -n 2 --dist worksteal

rehearse: setup
	$(BIN)/python -m skill rehearse $(ARGS)

lint: setup
	$(BIN)/ruff check .
	$(BIN)/python -m skill lint journeys/

bench: setup
	$(BIN)/python -m benchmarks

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis

# Called by `sam build` (template.yaml: BuildMethod makefile) with ARTIFACTS_DIR set: the function's code
# is the skill package without what the function never runs, the shipped journeys and the handler, with
# dependencies for Lambda's arm64 Python. boto3 is not shipped: Lambda's Python runtime supplies it.
# Recipe lines are quiet (@): SAM shows make's output, and the one note a reader should act on must not
# appear on every build as part of an echoed command.
LAMBDA_PYTHON ?= python3.12
LAMBDA_PLATFORM := --platform manylinux2014_aarch64 --implementation cp --python-version 3.12 --only-binary=:all:
NOT_IN_LAMBDA := skill/__main__.py skill/rehearsal skill/web.py skill/alexa/verify.py skill/journeys/lint.py \
	skill/journeys/playthrough.py skill/diagram.py skill/screens/evening.py skill/screens/renderer.py bin \
	certifi/tests
build-SkillFunction:
	@mkdir -p "$(ARTIFACTS_DIR)"
	@cp -r skill journeys "$(ARTIFACTS_DIR)/"
	@cp lambda/lambda_function.py "$(ARTIFACTS_DIR)/"
	@$(PYTHON) -m pip install --quiet --target "$(ARTIFACTS_DIR)" $(LAMBDA_PLATFORM) -r lambda/requirements.txt
# -S: the journeys are compiled with the artifact's own packages, whatever this Python has installed;
# before lint leaves the artifact, since compiling runs its checks (a journey that would fail is not shipped)
	@PYTHONPATH="$(ARTIFACTS_DIR)" $(PYTHON) -S -c 'import sys; from skill.journeys.lint import compile_folder;'\
	' print("wrote", compile_folder(sys.argv[1]))' "$(ARTIFACTS_DIR)/journeys"
	@cd "$(ARTIFACTS_DIR)" && rm -rf $(NOT_IN_LAMBDA) && find . -name __pycache__ -type d -prune -exec rm -rf {} +
# Lambda's file system is read-only: without bytecode for its Python, every cold start compiles.
	@if command -v $(LAMBDA_PYTHON) >/dev/null 2>&1 && $(LAMBDA_PYTHON) -c '' 2>/dev/null; then \
		$(LAMBDA_PYTHON) -m compileall -q -j 0 "$(ARTIFACTS_DIR)" >/dev/null; \
	else echo "note: $(LAMBDA_PYTHON) not found; the function will compile its bytecode on each cold start" \
		"(put a python3.12 on PATH, or run sam build --use-container)"; fi
