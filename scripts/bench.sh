#!/usr/bin/env bash
# Measures smallwins on journals of one year, ten years, and one and ten
# heavy years (20 promises, 10 wins a day), and prints the table of the
# README's "Performance" section, with how much each figure grows from one
# year to ten.
#
#   scripts/bench.sh           whole-process figures, the TUI's peak memory,
#                              and the in-process benchmarks (cargo bench)
#   scripts/bench.sh --quick   the same without cargo bench (a minute or so);
#                              in-process rows then show the last results in
#                              target/criterion, if any
#
# Builds in release mode, makes the journals with `smallwins demo --years`
# in a temporary folder (removed afterwards), runs every command through
# hyperfine (installed if missing) with the clock fixed at Saturday
# 2026-11-21 08:30, and runs the full-screen journal in tmux to read its
# peak memory after browsing. Medians throughout. Nothing of yours is read
# or written: every command gets --db and --config in the temporary folder.
set -euo pipefail

cd "$(dirname "$0")/.."
QUICK=0
[[ "${1:-}" == "--quick" ]] && QUICK=1

say() { printf '%s\n' "$*" >&2; }

need_hyperfine() {
    command -v hyperfine >/dev/null && return
    say "hyperfine is missing; installing it."
    if command -v apt-get >/dev/null && [[ $(id -u) == 0 ]]; then
        apt-get install -y hyperfine >/dev/null 2>&1 ||
            { apt-get update >/dev/null 2>&1 && apt-get install -y hyperfine >/dev/null 2>&1; } || true
    fi
    command -v hyperfine >/dev/null || cargo install hyperfine --locked
    command -v hyperfine >/dev/null || { say "hyperfine could not be installed; install it and run this again."; exit 1; }
}

need_hyperfine
command -v tmux >/dev/null || say "tmux is missing: the TUI's peak memory is left out of the table."

say "Building in release mode…"
cargo build --release --locked --quiet
TARGET=${CARGO_TARGET_DIR:-$PWD/target}
BIN="$TARGET/release/smallwins"

WORK=$(mktemp -d "${TMPDIR:-/tmp}/smallwins-bench.XXXXXX")
SESSION="smallwins-bench-$$"
cleanup() {
    tmux kill-session -t "$SESSION" 2>/dev/null || true
    rm -rf "$WORK"
}
trap cleanup EXIT

export SMALLWINS_NOW="2026-11-21T08:30"
EVENING="2026-11-21T20:30"
unset SMALLWINS_DB

SIZES=(1y 10y 1y-heavy 10y-heavy)
declare -A DEMO=([1y]="--years 1" [10y]="--years 10" [1y-heavy]="--years 1 --heavy" [10y-heavy]="--years 10 --heavy")

sw() { # sw JOURNAL ARGS… : smallwins on that journal, no config file
    local j=$1
    shift
    "$BIN" --db "$WORK/$j.db" --config "$WORK/none.toml" "$@"
}

# The day's first command starts the daily copy in a process of its own
# (smallwins --db=… upkeep), which goes on after the command ends:
# wait for those before timing anything, so none runs beside a timed run.
copies_done() { # copies_done [JOURNAL]: waits for the copies of one journal, or of all
    while pgrep -f -- "--db=$WORK/${1:-}.* [u]pkeep" >/dev/null; do sleep 0.01; done
}

say "Making the journals…"
for s in "${SIZES[@]}"; do
    # shellcheck disable=SC2086
    sw "$s" demo ${DEMO[$s]} >/dev/null
    cp "$WORK/$s.db" "$WORK/$s-first.db"
    cp "$WORK/$s.db" "$WORK/$s-evening.db"
    SMALLWINS_NOW=$EVENING sw "$s-evening" reflect --mood 2 >/dev/null
    cp "$WORK/$s.db" "$WORK/$s-wins.db"
    # Each journal's first command today starts its daily copy.
    for j in "$s" "$s-wins"; do sw "$j" today >/dev/null; done
    say "  $s: $(du -h "$WORK/$s.db" | cut -f1)"
done
copies_done

LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo "?")

# Whole-process figures: label, then the arguments after --db/--config.
# FIRST: the day's first command (its daily copy removed before each run,
# once the last run's copy is made); every other row is a later command.
ROWS=(
    "today --json|today --json"
    "today --json, the day's first|FIRST today --json"
    "show today --width 120 --height 40|show today --width 120 --height 40"
    "show today, an evening rated 2|EVENING show today --width 120 --height 40"
    "show review|show review --width 120 --height 40"
    "review --format json|review --format json"
    "stats --json|stats --json"
    "export --format json|export --format json"
    "win x (durable)|WINS win x"
)

declare -A FIG RAW
ms() { awk -v s="$1" 'BEGIN { v = s * 1000; if (v < 10) printf "%.1f ms", v; else printf "%.0f ms", v }'; }

for s in "${SIZES[@]}"; do
    for row in "${ROWS[@]}"; do
        label=${row%%|*}
        args=${row#*|}
        j=$s now=$SMALLWINS_NOW prepare=true
        case $args in
        EVENING\ *) j=$s-evening now=$EVENING args=${args#EVENING } ;;
        WINS\ *) j=$s-wins args=${args#WINS } ;;
        FIRST\ *)
            j=$s-first args=${args#FIRST }
            # (run by hyperfine without a shell, hence bash -c; [d] keeps
            # pgrep from finding this very command line)
            prepare="bash -c \"while pgrep -f -- '--db=$WORK/$j.db [u]pkeep' >/dev/null; do sleep 0.01; done; rm -f $WORK/backups/$j-*-daily.db\""
            ;;
        esac
        say "  $s: $label"
        out="$WORK/h.json"
        SMALLWINS_NOW=$now hyperfine -N --warmup 3 --min-runs 15 --style none --export-json "$out" \
            --prepare "$prepare" "$BIN --db $WORK/$j.db --config $WORK/none.toml $args" >/dev/null 2>&1
        copies_done
        median=$(grep -o '"median": *[0-9.eE+-]*' "$out" | head -1 | sed 's/.*: *//')
        FIG["$label|$s"]=$(ms "$median")
        RAW["$label|$s"]=$median
    done
done

# Importing each journal's JSON export into an empty journal, as a whole
# process (the journal file removed before each run), and its peak memory.
time_import() { # time_import LABEL COMMAND: the median into FIG and RAW
    hyperfine -N --warmup 1 --min-runs 10 --style none --export-json "$out" \
        --prepare "sh -c '$upkeep_done; rm -f $WORK/import.db $WORK/import.db-*'" \
        "$2" >/dev/null 2>&1
    median=$(grep -o '"median": *[0-9.eE+-]*' "$out" | head -1 | sed 's/.*: *//')
    FIG["$1|$s"]=$(ms "$median")
    RAW["$1|$s"]=$median
}
for s in "${SIZES[@]}"; do
    label="import of that export (into an empty journal)"
    say "  $s: $label"
    sw "$s" export --format json --out "$WORK/$s-export.json" >/dev/null
    out="$WORK/h.json"
    # The upkeep an import leaves (the checkpoints) runs apart after it
    # ends: each run starts once the last one's is done.
    upkeep_done="while pgrep -f -- \"--db=$WORK/import.db [u]pkeep\" >/dev/null; do sleep 0.002; done"
    import="$BIN --db $WORK/import.db --config $WORK/none.toml import $WORK/$s-export.json"
    time_import "$label" "$import"
    time_import "import of that export, and its upkeep apart until done" \
        "sh -c '$import >/dev/null; $upkeep_done'"
    if [[ -x /usr/bin/time ]]; then
        rm -f "$WORK"/import.db*
        kb=$(/usr/bin/time -f '%M' "$BIN" --db "$WORK/import.db" --config "$WORK/none.toml" \
            import "$WORK/$s-export.json" 2>&1 >/dev/null | tail -1)
        label="import of that export: peak memory"
        FIG["$label|$s"]=$(awk -v k="$kb" 'BEGIN { printf "%.1f MB", k / 1024 }')
        RAW["$label|$s"]=$kb
    fi
done

# Peak memory of the full-screen journal after browsing: a year of weeks on
# Review, ten years of months on the Calendar, two months of days on Today.
idle() { # waits until process $1 stops using the CPU
    local before after
    after=$(awk '{ print $14 + $15 }' "/proc/$1/stat")
    while :; do
        sleep 0.5
        before=$after
        after=$(awk '{ print $14 + $15 }' "/proc/$1/stat")
        [[ $before == "$after" ]] && return
    done
}
keys() { # keys KEY COUNT
    local i
    for ((i = 0; i < $2; i++)); do tmux send-keys -t "$SESSION" -l "$1"; done
}
if command -v tmux >/dev/null; then
    for s in "${SIZES[@]}"; do
        say "  $s: the full-screen journal in tmux"
        tmux new-session -d -s "$SESSION" -x 120 -y 40 \
            "exec env SMALLWINS_NOW=$SMALLWINS_NOW $BIN --db $WORK/$s.db --config $WORK/none.toml"
        pid=$(tmux list-panes -t "$SESSION" -F '#{pane_pid}')
        sleep 1
        idle "$pid"
        keys 3 1 && keys '[' 52 && idle "$pid"
        keys 2 1 && keys '[' 120 && idle "$pid"
        keys 1 1 && keys h 60 && idle "$pid"
        hwm=$(awk '/VmHWM/ { print $2 }' "/proc/$pid/status")
        FIG["TUI: peak memory after browsing|$s"]=$(awk -v k="$hwm" 'BEGIN { printf "%.1f MB", k / 1024 }')
        RAW["TUI: peak memory after browsing|$s"]=$hwm
        tmux send-keys -t "$SESSION" q
        sleep 0.5
        tmux kill-session -t "$SESSION" 2>/dev/null || true
    done
fi
LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo "?")

if [[ $QUICK == 0 ]]; then
    say "Running the in-process benchmarks (cargo bench, a few minutes)…"
    cargo bench --locked --bench journal >"$WORK/criterion.log" 2>&1 ||
        { tail -20 "$WORK/criterion.log" >&2; exit 1; }
fi

# In-process figures: the median criterion measured, from target/criterion.
crit_ns() { # crit_ns GROUP PARAM: nanoseconds, or nothing
    local f="$TARGET/criterion/$1/$2/new/estimates.json"
    [[ -f $f ]] || return 0
    grep -o '"median":{"confidence_interval":{[^}]*},"point_estimate":[0-9.eE+-]*' "$f" | sed 's/.*://'
}
crit() { # crit GROUP PARAM
    local ns
    ns=$(crit_ns "$1" "$2")
    [[ -n $ns ]] || { echo "—"; return; }
    awk -v n="$ns" 'BEGIN { if (n < 1e6) printf "%.0f µs", n / 1000; else if (n < 1e7) printf "%.1f ms", n / 1e6; else printf "%.0f ms", n / 1e6 }'
}
# How many times the first figure the second is: "1.1×", or "—".
times() {
    [[ -n ${1:-} && -n ${2:-} ]] || { echo "—"; return; }
    awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.1f×", a / b; else printf "—" }'
}
# One row: label, then the four figures and the raw numbers they came from.
row() { # row LABEL F1 F10 FH1 FH10 R1 R10 RH1 RH10
    echo "| $1 | $2 | $3 | $(times "$7" "$6") | $4 | $5 | $(times "$9" "$8") |"
}
CRIT=(
    "first frame: Today|first_frame_today"
    "first frame: Calendar|first_frame_calendar"
    "first frame: Review|first_frame_review"
    "first frame: Promises|first_frame_promises"
    "key: Today selection (j)|key_today_selection"
    "key: Today day back (h)|key_today_day_back"
    "key: Calendar day back (h)|key_calendar_day_back"
    "key: Calendar week back (k)|key_calendar_week_back"
    "key: Calendar month back ([)|key_calendar_month_back"
    "key: Calendar month back, ten years ago|key_calendar_month_back_ten_years_ago"
    "key: Calendar month forward (])|key_calendar_month_forward"
    "key: Review week back ([)|key_review_week_back"
    "key: switch screens (1–4)|key_switch_screens"
    "write: mark kept (space, durable)|write_mark_kept"
    "write: add a win (durable)|write_add_win"
    "week review|week_review"
    "stats over all history|stats_all_history"
    "JSON export|export_json"
    "import of that export into an empty journal|import_into_empty"
)

echo
echo "Machine: $(nproc) cores, $(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo 2>/dev/null || uname -m), $(uname -sr); load average $LOAD_BEFORE before the whole-process runs, $LOAD_AFTER after."
echo
HEAD="| 1 year | 10 years | growth | 1 year, heavy | 10 years, heavy | growth |"
echo "| whole process (median) $HEAD"
echo "| --- | --- | --- | --- | --- | --- | --- |"
for r in "${ROWS[@]}" "import of that export (into an empty journal)|" \
    "import of that export, and its upkeep apart until done|" \
    "import of that export: peak memory|" "TUI: peak memory after browsing|"; do
    label=${r%%|*}
    shown=$label
    [[ $label == TUI:* || $label == import* ]] || shown="\`$label\`"
    f() { echo "${FIG["$label|$1"]:-—}"; }
    g() { echo "${RAW["$label|$1"]:-}"; }
    row "$shown" "$(f 1y)" "$(f 10y)" "$(f 1y-heavy)" "$(f 10y-heavy)" \
        "$(g 1y)" "$(g 10y)" "$(g 1y-heavy)" "$(g 10y-heavy)"
done
echo
echo "| in process (median, 120×40) $HEAD"
echo "| --- | --- | --- | --- | --- | --- | --- |"
for r in "${CRIT[@]}"; do
    label=${r%%|*}
    group=${r#*|}
    row "$label" "$(crit "$group" 1y)" "$(crit "$group" 10y)" "$(crit "$group" 1y-heavy)" \
        "$(crit "$group" 10y-heavy)" "$(crit_ns "$group" 1y)" "$(crit_ns "$group" 10y)" \
        "$(crit_ns "$group" 1y-heavy)" "$(crit_ns "$group" 10y-heavy)"
done
