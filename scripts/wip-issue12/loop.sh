#!/bin/bash
# usage: loop.sh ROOT scope...
ROOT=$1; shift
for i in 1 2 3 4 5 6; do
  node /tmp/gen/asyncify.mjs $ROOT "$@" | tee /tmp/gen/last.txt
  grep -q '^done' /tmp/gen/last.txt && break
  NAMES=$(grep -v '^\(get\|set\|list\|run\|create\|update\|load\|send\|close\|open\|handler\|fn\|cb\|next\|check\|main\|text\|count\|full\|since\|view\|submit\|allowed\|refuse\)$' /tmp/gen/newnames.txt | awk 'length($0)>3')
  if [ -n "$NAMES" ]; then
    CALLEES=$(for n in $NAMES; do printf '(?<![.\\w])%s(?=\\()|||' "$n"; done)
    cd $ROOT && python3 /tmp/gen/codemod.py "${CALLEES%|||}" $(git ls-files "$@" | grep '\.ts$') | wc -l; cd - >/dev/null
  fi
done
