#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# check-flatpak-manifest.sh [--json-only] MANIFEST APP_ID
#
# Checks that the Flatpak manifest is valid JSON for APP_ID, and then (unless
# --json-only) that flatpak-builder reads it without a warning and without
# dropping a member it did not understand. Exit 77 (skip) when that second
# step is asked for and flatpak-builder is not installed.
set -euo pipefail

json_only=false
if [[ ${1:-} == --json-only ]]; then
  json_only=true
  shift
fi
if [[ $# -ne 2 ]]; then
  echo "usage: $0 [--json-only] MANIFEST APP_ID" >&2
  exit 2
fi
manifest=$1
app_id=$2

python=python3
[[ -x /usr/bin/python3 ]] && python=/usr/bin/python3

# 1. JSON, and the members the app depends on.
"$python" - "$manifest" "$app_id" <<'PY'
import json, sys
path, app_id = sys.argv[1], sys.argv[2]
try:
    with open(path, encoding="utf-8") as f:
        m = json.load(f)
except (OSError, ValueError) as e:
    sys.exit(f"{path}: not valid JSON: {e}")
problems = []
def want(key, value=None):
    if key not in m:
        problems.append(f"missing member '{key}'")
    elif value is not None and m[key] != value:
        problems.append(f"'{key}' is {m[key]!r}, expected {value!r}")
want("id", app_id)
want("runtime", "org.gnome.Platform")
want("sdk", "org.gnome.Sdk")
want("command", "pipewright")
want("runtime-version")
if not isinstance(m.get("runtime-version"), str) or not m.get("runtime-version", "").replace(".", "").isdigit():
    problems.append("'runtime-version' must be a numbered runtime such as \"47\"")
modules = m.get("modules") or []
if not modules or not isinstance(modules[-1], dict) or modules[-1].get("name") != "pipewright":
    problems.append("the last module must be 'pipewright'")
else:
    srcs = modules[-1].get("sources", [])
    if not any(s.get("type") == "dir" and s.get("path") == ".." for s in srcs):
        problems.append("the 'pipewright' module must build the checkout (a 'dir' source with path '..')")
for mod in modules:
    if isinstance(mod, dict):
        for src in mod.get("sources", []):
            if src.get("type") in ("archive", "file") and "url" in src and "sha256" not in src:
                problems.append(f"module '{mod.get('name')}': source {src['url']} has no sha256")
for p in problems:
    print(f"{path}: {p}", file=sys.stderr)
if problems:
    sys.exit(1)
print(f"{path}: valid JSON, {len(modules)} modules")
PY

$json_only && exit 0

# 2. What flatpak-builder makes of it.
if ! command -v flatpak-builder >/dev/null 2>&1; then
  echo "flatpak-builder not found: skipped"
  exit 77
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
manifest_abs=$(realpath "$manifest")
# flatpak-builder leaves a .flatpak-builder state folder in the working directory.
if ! (cd "$tmp" && flatpak-builder --show-manifest "$manifest_abs" >"$tmp/shown.json" 2>"$tmp/stderr"); then
  cat "$tmp/stderr" >&2
  echo "flatpak-builder --show-manifest failed" >&2
  exit 1
fi
if [[ -s $tmp/stderr ]]; then
  cat "$tmp/stderr" >&2
  echo "flatpak-builder warned about the manifest" >&2
  exit 1
fi
# flatpak-builder drops members it does not know: compare what went in with
# what came out, recursively over objects.
"$python" - "$manifest_abs" "$tmp/shown.json" <<'PY'
import json, sys
with open(sys.argv[1], encoding="utf-8") as f:
    original = json.load(f)
with open(sys.argv[2], encoding="utf-8") as f:
    shown = json.load(f)
lost = []
def walk(a, b, where):
    if isinstance(a, dict):
        if not isinstance(b, dict):
            lost.append(where or "/")
            return
        for k, v in a.items():
            if k not in b:
                lost.append(f"{where}/{k}")
            else:
                walk(v, b[k], f"{where}/{k}")
    elif isinstance(a, list) and isinstance(b, list):
        if len(a) != len(b):
            lost.append(f"{where} ({len(a)} items, flatpak-builder kept {len(b)})")
        for i, (x, y) in enumerate(zip(a, b)):
            walk(x, y, f"{where}[{i}]")
walk(original, shown, "")
for p in lost:
    print(f"flatpak-builder did not understand {p}", file=sys.stderr)
sys.exit(1 if lost else 0)
PY
echo "flatpak-builder read the manifest"
