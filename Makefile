# Loge — build, run and test.
#
#   make run          build and open the app on a throwaway demo desk
#   make test         gofmt + go vet + staticcheck + go test -race (SQLite itself not instrumented,
#                     see RACE), then the long randomized tests without -race (what .ci/run calls)
#   make bench        Loge against mbsync and the machine's ceilings, then a 250k desk (tests/bench,
#                     about 12 minutes; writes tests/bench/results.md and .json). bench-quick: one
#                     short pass, 5,000 messages and a 10k desk, printed only.
#   make screenshots  every workspace in FR and EN under Xvfb, into dist/screenshots/
#                     (make screenshots SHOTS=docs/screenshots refreshes the README's, tracked)
#   make windows      loge.exe, its console twin loge.com and Loge-<version>-setup.exe in dist/windows
#                     (cross-built with mingw-w64 and NSIS; a cold build takes about 8 minutes)
#   make release-check  make windows, then install it silently under wine and try it (.ci/release-check.sh)
#   make linux        dist/Loge-<version>-linux-amd64.tar.xz with a desktop entry and the icon
#
# `deps` installs the Debian packages the build and the tests need (cgo toolchain and
# X11/Wayland/OpenGL headers for Fyne, Xvfb for screenshots, Dovecot for the IMAP tests) and
# does nothing when they are already there.

SHELL := /bin/bash

# A fresh machine may not have Go on PATH yet.
export PATH := $(PATH):/usr/local/go/bin

GO          ?= go
BIN         := loge
# Pinned: staticcheck 2026.2.2, built with and for Go 1.26.
STATICCHECK := honnef.co/go/tools/cmd/staticcheck@v0.8.2
# Pinned: gotestsum, which shows go test's progress (below).
GOTESTSUM   := gotest.tools/gotestsum@v1.13.0

VERSION     := $(shell sed -n 's/^[[:space:]]*Version[[:space:]]*=[[:space:]]*"\(.*\)"/\1/p' FyneApp.toml)
BUILD       := $(shell sed -n 's/^[[:space:]]*Build[[:space:]]*=[[:space:]]*\([0-9]*\)/\1/p' FyneApp.toml)
DIST        := dist
WIN_CC      := x86_64-w64-mingw32-gcc

# The race detector over Loge's code and every Go library but SQLite: modernc's SQLite is C
# translated to Go, run under SQLite's own locks, and instrumenting it (a tsan call and a checkptr
# check on every pointer step) is what a cgo SQLite would not have had either. It was most of the
# race pass: data/store 64 s -> 20 s, app/cli 229 s -> 94 s, the whole pass 6m28 -> 3m40 on the
# 2-core machine. A race in Loge's own code is still caught, SQLite calls included. vet,
# staticcheck and the tests share these flags, so one compile serves all three.
RACE        := -race -gcflags=modernc.org/...=-race=false

BENCHBIN    := $(or $(TMPDIR),/tmp)/loge-bench
BENCHARGS   ?=

DEB_PACKAGES := gcc pkg-config xorg-dev libgl1-mesa-dev libwayland-dev libxkbcommon-dev \
                xvfb xauth xdotool imagemagick poppler-utils \
                dovecot-imapd isync fonts-dejavu-core

.DEFAULT_GOAL := build
WIN_PACKAGES := gcc-mingw-w64-x86-64 nsis
WINE_PACKAGES := wine64

.PHONY: deps deps-windows deps-wine build run test vet fmt staticcheck cross lint bench bench-quick \
        screenshots windows release-check linux clean fuzz stress

# install-debs PACKAGES: installs the missing ones (as root, or through sudo).
define install-debs
	@if ! command -v dpkg-query >/dev/null 2>&1; then \
	  echo "deps: not a Debian/Ubuntu system; install the equivalent of: $(1)" >&2; \
	  exit 0; \
	fi; \
	missing=""; \
	for p in $(1); do \
	  [ "$$(dpkg-query -W -f='$${db:Status-Status}' "$$p" 2>/dev/null)" = installed ] || missing="$$missing $$p"; \
	done; \
	[ -n "$$missing" ] || exit 0; \
	if [ "$$(id -u)" -eq 0 ]; then sudo=""; \
	elif command -v sudo >/dev/null 2>&1; then sudo="sudo"; \
	else echo "deps: need root (or sudo) to install:$$missing" >&2; exit 1; fi; \
	echo "deps: installing$$missing"; \
	$$sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq && \
	$$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing
endef

deps:
	$(call install-debs,$(DEB_PACKAGES))

deps-windows:
	$(call install-debs,$(WIN_PACKAGES))

deps-wine:
	$(call install-debs,$(WINE_PACKAGES))

# loge-cli (app/headless): the same headless commands without the window's start-up, for scripts.
build: deps
	$(GO) build -o $(BIN) .
	$(GO) build -ldflags "-X loge/app/cli.Version=$(VERSION)" -o $(BIN)-cli ./app/headless

run: deps build
	@if [ -z "$${DISPLAY:-}" ] && [ -z "$${WAYLAND_DISPLAY:-}" ]; then \
	  echo "run: no DISPLAY or WAYLAND_DISPLAY set: Loge is a desktop app and needs a graphical session" >&2; \
	  echo "     (log in to a desktop, or use 'make screenshots' to see it under Xvfb)." >&2; \
	fi
	./$(BIN) --demo $(ARGS)

# vet, staticcheck and the tests share one compile of everything, with the race detector's
# instrumentation (build flags are part of a package's cache key: a plain vet and staticcheck
# compiled Fyne, cgo GLFW and modernc's SQLite a second time, minutes on a cold 2-core machine).
vet: deps
	@echo "== vet ($$(date +%T))"
	$(GO) vet $(RACE) ./...

fmt:
	@out="$$(gofmt -l .)"; [ -z "$$out" ] || { echo "gofmt: not formatted:"; echo "$$out"; exit 1; }

staticcheck: deps
	@echo "== staticcheck ($$(date +%T))"
	GOBIN=$(CURDIR)/.bin $(GO) install $(STATICCHECK)
	GOFLAGS="$(RACE)" .bin/staticcheck ./...

# The data layer and the command line compile for macOS and Windows without cgo (the GUI needs cgo
# and a native toolchain, see docs/INSTALL.md).
CROSS_PKGS := ./data/... ./app/cli ./app/office ./app/i18n ./app/console ./app/headless
# One Mac architecture is enough: Loge's own files differ by GOOS, not GOARCH, and each target is a
# whole compile of SQLite.
cross:
	@echo "== cross: darwin, windows ($$(date +%T))"
	CGO_ENABLED=0 GOOS=darwin GOARCH=arm64 $(GO) vet $(CROSS_PKGS)
	CGO_ENABLED=0 GOOS=windows GOARCH=amd64 $(GO) vet $(CROSS_PKGS)

lint: fmt vet staticcheck cross

# The race detector's pass, then the plain pass of the long randomized tests (hundreds of team
# interleavings; under -race they run a dozen).
# gotestsum runs go test -json and prints a line as each test ends (the race pass was minutes of
# silence while app/cli's kill tests ran), then every failure again, whole, at the end — a test
# timeout's stacks under the test that was running.
test: deps lint
	@echo "== go test -race ($$(date +%T))"
	GOBIN=$(CURDIR)/.bin $(GO) install $(GOTESTSUM)
	.bin/gotestsum --format testname --format-hide-empty-pkg -- $(RACE) -count=1 -timeout 25m ./...
	@echo "== team interleavings, without the race detector ($$(date +%T))"
	$(GO) test -count=1 -run 'TestRandomInterleavingsConverge' ./data/team/
	@echo "== make test: passed ($$(date +%T))"

# The long versions of the fault, kill and disk-full tests (docs/RELIABILITY.md): 50 seeded runs of
# `loge sync` and of `loge send-pending` through the fault proxy (tests/faultproxy), 120 SIGKILLs of
# an initial sync and 100 of send-pending, the 8 MB disk. Without -race; LOGE_FAULT_SEED=N replays.
# Each test's figures are printed at the end (from $TMPDIR/loge-stress.txt).
stress: deps
	@report=$${TMPDIR:-/tmp}/loge-stress.txt; rm -f $$report; \
	LOGE_STRESS=1 LOGE_FAULT_REPORT=$$report $(GO) test -count=1 -timeout 60m -run 'Stress|Kill|Fault' ./...; rc=$$?; \
	echo; cat $$report 2>/dev/null; exit $$rc

# Every fuzz target for FUZZTIME, one after the other (-fuzz takes one target per package run). The
# corpus is each package's testdata/fuzz/<target> plus what earlier runs found (Go's cache); a
# crash is written to testdata/fuzz/<target> and stops the run. Minimizing a new input is capped
# at FUZZMINIMIZETIME: the targets over a real desk run tens to hundreds of inputs a second, and Go's
# default minute per input would eat the whole run. FUZZTIME=10m make fuzz for a longer one.
FUZZTIME         ?= 60s
FUZZMINIMIZETIME ?= 5s
FUZZ_TARGETS := FuzzParse:./data/mime FuzzImport:./data/docs/vcard FuzzRender:./data/docs/templates \
                FuzzSearch:./data/store FuzzDecode:./data/team FuzzDecodeOps:./data/team FuzzExport:./data/docs/ics
fuzz:
	@set -e; for t in $(FUZZ_TARGETS); do \
	  name=$${t%%:*}; pkg=$${t#*:}; \
	  echo "== $$name ($$pkg) for $(FUZZTIME)"; \
	  $(GO) test -run '^$$' -fuzz "^$$name\$$" -fuzztime $(FUZZTIME) -fuzzminimizetime $(FUZZMINIMIZETIME) $$pkg; \
	done

bench: deps build
	$(GO) build -o $(BENCHBIN) ./tests/bench
	$(GO) build -o $(BENCHBIN)-headless ./tests/bench/headless
	$(BENCHBIN) -loge ./$(BIN) -headless $(BENCHBIN)-headless -out tests/bench $(BENCHARGS)

bench-quick: deps build
	$(GO) build -o $(BENCHBIN) ./tests/bench
	$(GO) build -o $(BENCHBIN)-headless ./tests/bench/headless
	$(BENCHBIN) -loge ./$(BIN) -headless $(BENCHBIN)-headless -quick $(BENCHARGS)

SHOTS ?= dist/screenshots
screenshots: deps build
	OUT=$(SHOTS) bash .ci/screenshots.sh

# fyne-package ENV,OS: `fyne package --release` for OS. The tool bumps Build in FyneApp.toml after
# every package; a release's number is set by hand in a commit, so the file is put back as it was.
define fyne-package
	$(GO) build -o .bin/fyne fyne.io/tools/cmd/fyne
	cp FyneApp.toml .bin/FyneApp.toml.keep
	$(1) .bin/fyne package --os $(2) --release; rc=$$?; cp .bin/FyneApp.toml.keep FyneApp.toml; exit $$rc
endef

# fyne package builds loge.exe for the GUI subsystem with the icon, manifest and version of
# FyneApp.toml (it writes fyne.syso and fyne_metadata_init.go here for the build and removes them).
windows: deps deps-windows
	rm -rf $(DIST)/windows && mkdir -p $(DIST)/windows
	rm -f Loge.exe loge.exe
	$(call fyne-package,CC=$(WIN_CC) GOOS=windows GOARCH=amd64,windows)
	mv Loge.exe $(DIST)/windows/loge.exe
	CGO_ENABLED=0 GOOS=windows GOARCH=amd64 $(GO) build -trimpath -ldflags "-s -w" -o $(DIST)/windows/loge.com ./app/console
	convert assets/icon.png -define icon:auto-resize=256,64,48,32,16 $(DIST)/windows/loge.ico
	makensis -V2 -DVERSION=$(VERSION) -DVERSION4=$(VERSION).$(BUILD) -DDIST=$(abspath $(DIST)/windows) \
	  -DOUTFILE=$(abspath $(DIST))/Loge-$(VERSION)-setup.exe assets/windows/loge.nsi
	@ls -l $(DIST)/windows $(DIST)/Loge-$(VERSION)-setup.exe

release-check: windows deps-wine
	bash .ci/release-check.sh $(DIST)/Loge-$(VERSION)-setup.exe

linux: deps
	rm -f Loge.tar.xz
	$(call fyne-package,,linux)
	mkdir -p $(DIST) && mv Loge.tar.xz $(DIST)/Loge-$(VERSION)-linux-amd64.tar.xz
	@ls -l $(DIST)/Loge-$(VERSION)-linux-amd64.tar.xz

clean:
	rm -f $(BIN) $(BIN)-cli $(BIN).exe Loge.exe Loge.tar.xz fyne.syso fyne_metadata_init.go
	rm -rf .bin bench/out $(DIST)
