# SPDX-License-Identifier: GPL-3.0-or-later
#
# Two commands for a fresh Debian 12:
#   make run    installs what is missing, builds, and starts SocialGuard
#   make check  installs what is missing, builds, and runs every test
#
# Both are thin wrappers around meson; HACKING.md has the meson commands themselves.

BUILDDIR ?= build
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

# Debian 12 packages: build, run, and test (Xvfb, a private D-Bus, the accessibility bus).
PACKAGES := \
	libgtk-4-dev libadwaita-1-dev libsoup-3.0-dev libjson-glib-dev libstemmer-dev libsqlite3-dev libsecret-1-dev libgexiv2-dev exiv2 \
	libarchive-dev libcbor-dev libical-dev libenchant-2-dev hunspell-en-gb \
	webp-pixbuf-loader heif-gdk-pixbuf libheif-examples libheif-dev gnome-keyring \
	meson ninja-build pkg-config gettext gcc \
	xvfb xauth dbus at-spi2-core desktop-file-utils appstream \
	python3-dogtail python3-pyatspi xdotool imagemagick tzdata

# Tests that show windows: no GL on the build machines, and settings kept in memory.
TEST_ENV := GDK_DEBUG=gl-disable GSK_RENDERER=cairo GSETTINGS_BACKEND=memory

.PHONY: all deps build run check clean

all: build

deps:
	@missing=$$(for p in $(PACKAGES); do \
	    dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q '^install ok installed' || echo $$p; \
	  done); \
	if [ -n "$$missing" ]; then \
	  echo "Installing: $$missing"; \
	  $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing; \
	fi

$(BUILDDIR)/build.ninja:
	meson setup $(BUILDDIR)

build: deps $(BUILDDIR)/build.ninja
	meson compile -C $(BUILDDIR)

# Runs from the build tree: the schema and data come from there, not from an install.
# Without dconf (a bare machine) GLib would keep settings in memory only, so window size and
# preferences would be forgotten: the keyfile backend keeps them in ~/.config instead.
run: build
	@backend=$${GSETTINGS_BACKEND:-$$(ls /usr/lib/*/gio/modules/libdconfsettings.so >/dev/null 2>&1 && echo dconf || echo keyfile)}; \
	GSETTINGS_BACKEND=$$backend GSETTINGS_SCHEMA_DIR=$(BUILDDIR)/data $(BUILDDIR)/src/gui/socialguard

check: build
	@rm -f $(BUILDDIR)/meson-logs/testlog.json
	-$(TEST_ENV) xvfb-run -a -s '-screen 0 1600x1200x24 -noreset' dbus-run-session -- \
		meson test -C $(BUILDDIR) --print-errorlogs --num-processes 2
	@/usr/bin/python3 build-aux/test-summary.py $(BUILDDIR)/meson-logs/testlog.json

clean:
	rm -rf $(BUILDDIR)
