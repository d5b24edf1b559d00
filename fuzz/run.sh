#!/usr/bin/env bash
# Runs fuzz targets one after another, each for SECONDS (default 600), at low
# priority, seeding each corpus from seeds/. Works on a stable toolchain:
# RUSTC_BOOTSTRAP=1 lets stable rustc take cargo-fuzz's -Zsanitizer flags.
#
#   fuzz/run.sh                      # every target, 10 minutes each
#   SECONDS_EACH=60 fuzz/run.sh port search
#
# Needs `cargo install cargo-fuzz`. Logs go to fuzz/logs/<target>.log; the
# last lines of each (libFuzzer's final stats) give executions and crashes.
set -euo pipefail
cd "$(dirname "$0")"
export RUSTC_BOOTSTRAP=1
each=${SECONDS_EACH:-600}
all=(protocol_from_str by_name port search cli_query port_spec host_port gen_csv gen_registry gen_xml gen_xml_edit)
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=("${all[@]}")
mkdir -p logs
for t in "${targets[@]}"; do
    case $t in
        gen_csv | gen_registry) seeds=seeds/csv ;;
        gen_xml) seeds=seeds/xml ;;
        # Its input is a list of edits to fixtures/records.xml, not a file.
        gen_xml_edit) seeds= ;;
        *) seeds=seeds/text ;;
    esac
    # `search` scans every row per input: without AddressSanitizer it runs
    # several times more inputs (the crates forbid `unsafe`, so ASan mostly
    # watches the standard library).
    sanitizer=address
    [ "$t" != search ] || sanitizer=none
    mkdir -p "corpus/$t"
    [ -z "$seeds" ] || cp -n "$seeds"/* "corpus/$t/" 2>/dev/null || true
    echo "== $t: ${each}s" >&2
    status=0
    nice -n 10 cargo fuzz run -O --sanitizer "$sanitizer" "$t" "corpus/$t" -- \
        -max_total_time="$each" -print_final_stats=1 -timeout=10 >"logs/$t.log" 2>&1 || status=$?
    grep -E '^(stat::number_of_executed_units|stat::average_exec_per_sec|stat::peak_rss_mb|Done )' "logs/$t.log" >&2 || true
    if [ "$status" -ne 0 ]; then
        echo "!! $t exited $status: see fuzz/logs/$t.log and fuzz/artifacts/$t/" >&2
    fi
done
