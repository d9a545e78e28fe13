#!/usr/bin/env bash
# Whole-process cost of encryption at rest on the ten-year journal: the
# same journal plain and encrypted, `today --json` and `win`, with the
# passphrase from a file (SMALLWINS_PASSPHRASE_FILE), through hyperfine.
# Prints medians in milliseconds. The in-process figures (the full-screen
# journal's keys, a write, the key derivation) are `cargo bench --bench
# encryption`. Nothing of yours is read or written.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v hyperfine >/dev/null || { echo "hyperfine is needed (apt-get install hyperfine)." >&2; exit 1; }
cargo build --release --locked --quiet
BIN="${CARGO_TARGET_DIR:-$PWD/target}/release/smallwins"
WORK=$(mktemp -d "${TMPDIR:-/tmp}/smallwins-bench-enc.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
export SMALLWINS_NOW="2026-11-21T08:30"
unset SMALLWINS_DB
printf 'a passphrase for the benchmarks\n' >"$WORK/pass"
chmod 600 "$WORK/pass"

"$BIN" --db "$WORK/plain.db" --config "$WORK/none.toml" demo --years 10 >/dev/null
"$BIN" --db "$WORK/plain.db" --config "$WORK/none.toml" today >/dev/null # the day's backup
cp "$WORK/plain.db" "$WORK/encrypted.db"
cp -r "$WORK/backups" "$WORK/backups-plain" 2>/dev/null || true
"$BIN" --db "$WORK/encrypted.db" --config "$WORK/none.toml" \
    --passphrase-file "$WORK/pass" encrypt >/dev/null
"$BIN" --db "$WORK/encrypted.db" --config "$WORK/none.toml" \
    --passphrase-file "$WORK/pass" today >/dev/null # its own daily backup

median() { # median JSON-FILE → milliseconds
    python3 -c 'import json,sys; print("%.1f" % (json.load(open(sys.argv[1]))["results"][0]["median"]*1000))' "$1"
}
row() { # row LABEL ARGS…
    local label=$1
    shift
    local out=()
    for j in plain encrypted; do
        local extra=""
        [[ $j == encrypted ]] && extra="--passphrase-file $WORK/pass"
        hyperfine -N --warmup 2 --runs 15 --export-json "$WORK/h.json" \
            "$BIN --db $WORK/$j.db --config $WORK/none.toml $extra $*" >/dev/null 2>&1
        out+=("$(median "$WORK/h.json")")
    done
    python3 -c 'import sys; p,e=float(sys.argv[2]),float(sys.argv[3]); print(f"| {sys.argv[1]} | {p} ms | {e} ms | {e/p:.2f}× |")' "$label" "${out[@]}"
}
echo "| ten-year journal | plain | encrypted | ratio |"
echo "| --- | --- | --- | --- |"
row '`today --json`' today --json
row '`win`' win "a small win"
