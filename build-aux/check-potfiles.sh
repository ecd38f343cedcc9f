#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# check-potfiles.sh [--update] [SOURCE_ROOT]
#
# Fails, naming the files, when po/POTFILES.in is not exactly the sorted list
# of source files that hold translatable strings:
#   - C sources and headers under src/ that call _(), N_(), C_(), NC_(),
#     Q_(), ngettext() or a g_d*gettext() function;
#   - GtkBuilder files (.ui) under src/ and data/ with translatable="yes";
#   - the desktop, metainfo, MIME and GSettings files in data/ (not data/examples).
# Then runs xgettext over the list, as `ninja pipewright-pot` would, so that a
# file xgettext cannot read fails here rather than at release time.
#
# --update rewrites po/POTFILES.in with the list it finds, and then checks it.
set -euo pipefail
export LC_ALL=C

update=false
if [[ ${1:-} == --update ]]; then
  update=true
  shift
fi
root=${1:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}
cd "$root"
potfiles=po/POTFILES.in

if [[ ! -f $potfiles ]] && ! $update; then
  echo "$potfiles: missing (build-aux/check-potfiles.sh --update writes it)" >&2
  exit 1
fi

c_call='(^|[^A-Za-z0-9_])(_|N_|C_|NC_|Q_|ngettext|g_dgettext|g_dcgettext|g_dngettext|g_dpgettext|g_dpgettext2)[[:space:]]*\('
ui_mark='translatable="(yes|true|1)"'

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

{
  if [[ -d src ]]; then
    find src -type f \( -name '*.c' -o -name '*.h' \) -print0 \
      | xargs -0 -r grep -lE "$c_call" -- || true
  fi
  find src data -path data/examples -prune -o -type f -name '*.ui' -print0 2>/dev/null \
    | xargs -0 -r grep -lE "$ui_mark" -- || true
  if [[ -d data ]]; then
    find data -path data/examples -prune -o -type f \( \
        -name '*.desktop.in' -o -name '*.metainfo.xml.in' -o -name '*.appdata.xml.in' \
        -o -name '*.mime.xml.in' -o -name '*.gschema.xml' \) -print
  fi
} | sed 's|^\./||' | sort -u >"$tmp/wanted"

if $update; then
  {
    echo "# Files with translatable strings, sorted (LC_ALL=C). build-aux/check-potfiles.sh checks"
    echo "# this list; build-aux/check-potfiles.sh --update rewrites it."
    cat "$tmp/wanted"
  } >"$potfiles"
  echo "$potfiles: updated"
fi

# Entries of POTFILES.in: no comments, blank lines or [encoding: …] lines.
sed -e 's/#.*//' -e 's/[[:space:]]*$//' -e 's/^[[:space:]]*//' "$potfiles" \
  | grep -v -e '^$' -e '^\[' >"$tmp/listed" || true

indent() { sed "s/^/  /"; }

status=0

missing=$(comm -23 "$tmp/wanted" <(sort -u "$tmp/listed"))
if [[ -n $missing ]]; then
  echo "$potfiles: these files have translatable strings but are not listed:" >&2
  indent <<<"$missing" >&2
  status=1
fi

gone=$(while read -r f; do [[ -e $f ]] || echo "$f"; done <"$tmp/listed")
if [[ -n $gone ]]; then
  echo "$potfiles: these listed files do not exist:" >&2
  indent <<<"$gone" >&2
  status=1
fi

extra=$(comm -13 "$tmp/wanted" <(sort -u "$tmp/listed") | while read -r f; do [[ -e $f ]] && echo "$f"; done || true)
if [[ -n $extra ]]; then
  echo "$potfiles: warning: these listed files have no translatable strings now:" >&2
  indent <<<"$extra" >&2
fi

dups=$(sort "$tmp/listed" | uniq -d)
if [[ -n $dups ]]; then
  echo "$potfiles: listed more than once:" >&2
  indent <<<"$dups" >&2
  status=1
fi

if ! sort -c "$tmp/listed" 2>/dev/null; then
  echo "$potfiles: not sorted (LC_ALL=C sort)" >&2
  status=1
fi

if [[ $status -ne 0 ]]; then
  echo "The complete, sorted list is:" >&2
  indent <"$tmp/wanted" >&2
  echo "(build-aux/check-potfiles.sh --update writes it.)" >&2
  exit "$status"
fi

# The keywords of meson's i18n 'glib' preset.
if command -v xgettext >/dev/null 2>&1; then
  existing=$(grep -c . "$tmp/listed" || true)
  if [[ $existing -gt 0 ]] && ! xgettext --from-code=UTF-8 --add-comments \
      --keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2 \
      --keyword=g_dcgettext:2 --keyword=g_dngettext:2,3 --keyword=g_dpgettext2:2c,3 \
      --flag=N_:1:pass-c-format --flag=C_:2:pass-c-format --flag=NC_:2:pass-c-format \
      --flag=g_dngettext:2:pass-c-format --flag=g_strdup_printf:1:c-format \
      --flag=g_string_printf:2:c-format --flag=g_string_append_printf:2:c-format \
      --flag=g_error_new:3:c-format --flag=g_set_error:4:c-format \
      --flag=g_markup_printf_escaped:1:c-format --flag=g_log:3:c-format \
      --flag=g_print:1:c-format --flag=g_printerr:1:c-format --flag=g_printf:1:c-format \
      --flag=g_fprintf:2:c-format --flag=g_sprintf:2:c-format --flag=g_snprintf:3:c-format \
      --directory="$root" --files-from="$tmp/listed" --output="$tmp/pipewright.pot" \
      2>"$tmp/xgettext.err"; then
    cat "$tmp/xgettext.err" >&2
    echo "xgettext could not read the files of $potfiles" >&2
    exit 1
  fi
  [[ -s $tmp/xgettext.err ]] && cat "$tmp/xgettext.err" >&2
  count=$(grep -c '^msgid ' "$tmp/pipewright.pot" 2>/dev/null || echo 1)
  echo "$potfiles: $existing files, $((count - 1)) messages"
else
  echo "$potfiles: $(grep -c . "$tmp/listed") files (xgettext not found: not extracted)"
fi
