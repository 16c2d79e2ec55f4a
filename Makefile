# Loge — build, run and test.
#
#   make run          build and open the app on a throwaway demo desk
#   make test         gofmt + go vet + staticcheck + go test -race, then the long randomized
#                     tests without -race (what .ci/run calls)
#   make bench        Loge against mbsync and the machine's ceilings, then a 100k desk (tests/bench,
#                     about 6 minutes; writes tests/bench/results.md and .json). bench-quick: one
#                     short pass, 5,000 messages and a 10k desk, printed only.
#   make screenshots  every workspace in FR and EN under Xvfb, into docs/screenshots/
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

BENCHBIN    := $(or $(TMPDIR),/tmp)/loge-bench
BENCHARGS   ?=

DEB_PACKAGES := gcc pkg-config xorg-dev libgl1-mesa-dev libwayland-dev libxkbcommon-dev \
                xvfb xauth xdotool imagemagick poppler-utils \
                dovecot-imapd isync fonts-dejavu-core

.DEFAULT_GOAL := build
.PHONY: deps build run test vet fmt staticcheck lint bench bench-quick screenshots clean

deps:
	@if ! command -v dpkg-query >/dev/null 2>&1; then \
	  echo "deps: not a Debian/Ubuntu system; make sure a C compiler and the X11/OpenGL headers are installed (see Fyne's prerequisites)." >&2; \
	  exit 0; \
	fi; \
	missing=""; \
	for p in $(DEB_PACKAGES); do \
	  [ "$$(dpkg-query -W -f='$${db:Status-Status}' "$$p" 2>/dev/null)" = installed ] || missing="$$missing $$p"; \
	done; \
	[ -n "$$missing" ] || exit 0; \
	if [ "$$(id -u)" -eq 0 ]; then sudo=""; \
	elif command -v sudo >/dev/null 2>&1; then sudo="sudo"; \
	else echo "deps: need root (or sudo) to install:$$missing" >&2; exit 1; fi; \
	echo "deps: installing$$missing"; \
	$$sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq && \
	$$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing

build: deps
	$(GO) build -o $(BIN) .

run: deps build
	@if [ -z "$${DISPLAY:-}" ] && [ -z "$${WAYLAND_DISPLAY:-}" ]; then \
	  echo "run: no DISPLAY or WAYLAND_DISPLAY set: Loge is a desktop app and needs a graphical session" >&2; \
	  echo "     (log in to a desktop, or use 'make screenshots' to see it under Xvfb)." >&2; \
	fi
	./$(BIN) --demo $(ARGS)

vet: deps
	$(GO) vet ./...

fmt:
	@out="$$(gofmt -l .)"; [ -z "$$out" ] || { echo "gofmt: not formatted:"; echo "$$out"; exit 1; }

staticcheck: deps
	$(GO) run $(STATICCHECK) ./...

lint: fmt vet staticcheck

# The race detector's pass, then the plain pass of the long randomized tests (hundreds of team
# interleavings; under -race they run a dozen).
test: deps lint
	$(GO) test -race -count=1 ./...
	$(GO) test -count=1 -run 'TestRandomInterleavingsConverge' ./data/team/

bench: deps build
	$(GO) build -o $(BENCHBIN) ./tests/bench
	$(GO) build -o $(BENCHBIN)-headless ./tests/bench/headless
	$(BENCHBIN) -loge ./$(BIN) -headless $(BENCHBIN)-headless -out tests/bench $(BENCHARGS)

bench-quick: deps build
	$(GO) build -o $(BENCHBIN) ./tests/bench
	$(GO) build -o $(BENCHBIN)-headless ./tests/bench/headless
	$(BENCHBIN) -loge ./$(BIN) -headless $(BENCHBIN)-headless -quick $(BENCHARGS)

screenshots: deps build
	bash .ci/screenshots.sh

clean:
	rm -f $(BIN) $(BIN).exe
	rm -rf .bin bench/out
