# Two commands: `make demo` and `make test` (see README.md). Both install the
# Debian packages that are missing, configure and build first.
PRESET ?= release
BUILD := build/$(PRESET)
ALLOT := $(BUILD)/bin/allot
# Debian's own interpreter: python3-* packages live there (pyenv's does not see them).
PYTHON := /usr/bin/python3

# Everything the build, the tests and the benchmarks need, as Debian packages.
DEB_PACKAGES := cmake make g++ git pkg-config \
  libabsl-dev libboost-graph-dev libeigen3-dev libsimdjson-dev libcli11-dev \
  libgtest-dev libgmock-dev libbenchmark-dev libglpk-dev \
  python3 python3-dev pybind11-dev python3-pytest python3-numpy \
  python3-matplotlib python3-distributed python3-mypy

.PHONY: all deps configure build demo test bench format clean

all: build

# Installs only what is missing: apt-get directly as root (CI), through sudo
# otherwise; never prompts (CI has no terminal).
deps:
	@missing=""; for p in $(DEB_PACKAGES); do \
	  dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q '^install ok installed' || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=""; \
	  elif command -v sudo >/dev/null 2>&1; then SUDO="sudo -n"; \
	  else echo "error: missing packages:$$missing; run as root or install sudo" >&2; exit 1; fi; \
	  $$SUDO apt-get update -qq && \
	  $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing; \
	fi

configure: deps
	@[ -f $(BUILD)/CMakeCache.txt ] || cmake --preset $(PRESET)

build: configure
	cmake --build $(BUILD) -j$$(nproc)

demo: build
	@echo
	@echo "== allot route --table data/scenarios/apparel-us.json"
	@$(ALLOT) route --table data/scenarios/apparel-us.json
	@echo
	@echo "The same as JSON (docs/formats.md): $(ALLOT) route data/scenarios/apparel-us.json"

test: build
	ctest --test-dir $(BUILD) --output-on-failure -j$$(nproc)
	@if [ -d bindings/python/tests ]; then \
	  PYTHONPATH=$(BUILD)/python $(PYTHON) -m pytest -q bindings/python/tests; fi

# Every benchmark family (minutes; ALLOT_BENCH_FULL=1 for the largest
# shapes too), JSON results in bench/results/, plots in docs/; then the
# exact fill's floor (bench/exact_floor.cc) for min_cost and min_shipments.
bench: build
	@mkdir -p bench/results
	$(BUILD)/bin/allot_bench --benchmark_out=bench/results/latest.json --benchmark_out_format=json
	$(PYTHON) bench/plot.py bench/results/latest.json docs > bench/results/latest.md
	for p in min_cost min_shipments; do $(BUILD)/bin/allot_exact_floor $$p || exit 1; done \
	  > bench/results/exact_floor.txt
	cat bench/results/exact_floor.txt

format:
	clang-format -i $$(git ls-files '*.cc' '*.h')

clean:
	rm -rf build
