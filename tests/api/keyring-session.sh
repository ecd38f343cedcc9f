#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# keyring-session.sh TEST [ARG…]: runs TEST on a private D-Bus session bus
# with a gnome-keyring-daemon of its own, unlocked with a throwaway
# password, in a throwaway home: the keyring tests touch no one's keys.
# Without gnome-keyring-daemon (Debian: gnome-keyring) or dbus-run-session
# (Debian: dbus-daemon) the test is skipped, as TAP says it.
set -eu

if ! command -v gnome-keyring-daemon >/dev/null 2>&1 ||
   ! command -v dbus-run-session >/dev/null 2>&1; then
  echo "1..0 # SKIP gnome-keyring-daemon or dbus-run-session is not installed (Debian packages gnome-keyring, dbus-daemon)"
  exit 0
fi

home=$(mktemp -d "${TMPDIR:-/tmp}/pw-keyring-XXXXXX")
trap 'rm -rf "$home"' EXIT INT TERM
mkdir -p "$home/runtime" "$home/data"
chmod 700 "$home/runtime"

HOME=$home XDG_DATA_HOME=$home/data XDG_RUNTIME_DIR=$home/runtime PW_TEST_KEEP_BUS=1 \
  dbus-run-session -- sh -c '
    printf "%s" "throwaway-password" | gnome-keyring-daemon --unlock --components=secrets >/dev/null
    exec "$@"
  ' keyring-session "$@"
