#!/usr/bin/env bash
# Refresh the Simplified Chinese translation source from the code, then compile it.
#   scripts/update_translations.sh           lupdate (new texts added, vanished ones marked) + lrelease
#   scripts/update_translations.sh --release lrelease only (what `make` runs before the app runs, tests, packages)
# The translations themselves are edited in atgdesk/translations/atgdesk_zh_CN.ts (Qt Linguist or a text editor);
# the compiled resources/translations/atgdesk_zh_CN.qm is committed so that wheels and frozen builds, which do not
# run the Qt tools, carry it (tests/ui/test_i18n.py fails when it is older than the .ts).
set -euo pipefail
cd "$(dirname "$0")/.."
BIN="${BIN:-.venv/bin}"
TS=atgdesk/translations/atgdesk_zh_CN.ts
QM=resources/translations/atgdesk_zh_CN.qm
if [[ "${1:-}" != "--release" ]]; then
    mapfile -t sources < <(ls atgdesk/ui/*.py atgdesk/present/*.py atgdesk/core/*.py atgdesk/app.py atgdesk/i18n.py)
    "$BIN/pyside6-lupdate" -locations relative -no-obsolete -target-language zh_CN "${sources[@]}" -ts "$TS"
fi
mkdir -p "$(dirname "$QM")"
"$BIN/pyside6-lrelease" -silent "$TS" -qm "$QM"
