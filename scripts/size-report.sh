#!/usr/bin/env bash
# Size and build-cost report for iana-ports.
#
#   scripts/size-report.sh            # everything, Markdown on stdout
#   SKIP_BUILD_TIMES=1 scripts/size-report.sh   # sizes only
#   scripts/size-report.sh --check    # sizes only; exit 1 when a use is over budget
#
# Builds benches/size-probe (a tiny binary) in release mode without the
# crate, then once per way of using it (one probe feature each: const u16
# only, one const service name, run-time service_name, every lookup minimal,
# every lookup full, full plus every field of the records' people), for
# x86_64-unknown-linux-gnu (a PIE: relocations count) and, for the probes
# scripts/size-budgets.txt lists on it,
# thumbv7em-none-eabihf (bare metal), and reports what each use adds
# (`size -A`: every allocated section). Budgets live in
# scripts/size-budgets.txt. Then times clean builds of the crate and the
# compile cost of `const` lookups. Works in its own directories under $WORK
# (default /tmp/iana-ports-size); nothing in the repository is written.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
WORK=${WORK:-/tmp/iana-ports-size}
BUDGETS=${BUDGETS:-$ROOT/scripts/size-budgets.txt}
# The crate measured (default: this checkout); set CRATE to an older
# checkout to measure it with this probe and these budgets.
CRATE=${CRATE:-$ROOT}
HOST=x86_64-unknown-linux-gnu
THUMB=thumbv7em-none-eabihf
SIZE=$(command -v llvm-size || command -v size)
CHECK=""
if [ "${1:-}" = "--check" ]; then
    CHECK=1
    SKIP_BUILD_TIMES=1
fi

rustup target add "$THUMB" >/dev/null 2>&1 || rustup target add "$THUMB"

rm -rf "$WORK/probe"
mkdir -p "$WORK"
cp -r "$ROOT/benches/size-probe" "$WORK/probe"
# Point the probe at this checkout wherever it was copied to.
sed -i "s|path = \"../..\"|path = \"$CRATE\"|" "$WORK/probe/Cargo.toml"
PROBE="$WORK/probe/Cargo.toml"

# bytes of the named sections, then the total of every allocated section
# (address != 0), from `size -A`.
sections() {
    "$SIZE" -A "$1" | awk '
        $1 == ".text" { text = $2 }
        $1 == ".rodata" { ro = $2 }
        $1 == ".data.rel.ro" { relro = $2 }
        $1 == ".rela.dyn" { rela = $2 }
        $1 ~ /^\./ && $3 != 0 { total += $2 }
        END { printf "%d %d %d %d %d\n", text, ro, relro, rela, total }'
}

build_probe() { # target feature -> path of the binary (stripped)
    local target=$1 feature=$2 dir="$WORK/target-$1"
    CARGO_TARGET_DIR="$dir" cargo build -q --release --manifest-path "$PROBE" \
        --target "$target" ${feature:+--features "$feature"} >&2
    local bin="$dir/$target/release/iana-ports-size-probe" out="$dir/probe-${feature:-none}"
    # Measured as a user ships it: stripped.
    cp "$bin" "$out"
    strip "$out" 2>/dev/null || true
    echo "$out"
}

kb() { awk -v b="$1" 'BEGIN { printf "%.1f", b / 1024 }'; }

echo "## What each use costs (release, stripped, \`$(basename "$SIZE") -A\`, KiB added to the probe without the crate)"
echo
echo "| use | target | .text | .rodata | .data.rel.ro | .rela.dyn | added | budget |"
echo "|---|---|---:|---:|---:|---:|---:|---:|"
over=0
for target in "$HOST" "$THUMB"; do
    # Built first, in an assignment, so that a failed build stops the
    # script (inside `< <(...)` it would read as an empty, 0 KiB probe).
    bin=$(build_probe "$target" "")
    read -r t0 r0 d0 l0 base < <(sections "$bin")
    while read -r probe budget_target budget what; do
        [ "$budget_target" = "$target" ] || continue
        bin=$(build_probe "$target" "$probe")
        read -r t r d l total < <(sections "$bin")
        added=$((total - base))
        verdict=""
        if awk -v a="$added" -v b="$budget" 'BEGIN { exit !(a > b * 1024) }'; then
            verdict=" **over**"
            over=1
        fi
        echo "| $what (\`$probe\`) | $target | $(kb $((t - t0))) | $(kb $((r - r0))) | $(kb $((d - d0))) | $(kb $((l - l0))) | **$(kb "$added")**$verdict | $budget |"
    done < <(grep -v '^#' "$BUDGETS" | awk 'NF >= 3 { printf "%s %s %s ", $1, $2, $3; for (i = 4; i <= NF; i++) printf "%s%s", $i, (i < NF ? " " : ""); print "" }')
done
echo
if [ -n "$CHECK" ]; then
    if [ "$over" = 1 ]; then
        echo "size check: a use is over its budget in scripts/size-budgets.txt" >&2
        exit 1
    fi
    echo "size check: every use within its budget" >&2
    exit 0
fi

[ -n "${SKIP_BUILD_TIMES:-}" ] && exit 0

now() { date +%s.%N; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b - a }'; }

echo
echo "## Build time (wall clock, $(nproc) cores; other load on the machine adds noise)"
echo
echo "| build | profile | seconds |"
echo "|---|---|---:|"
for profile in dev release; do
    flag=$([ "$profile" = release ] && echo --release || true)
    dir="$WORK/build-$profile"
    rm -rf "$dir"
    start=$(now)
    CARGO_TARGET_DIR="$dir" cargo build -q -p iana-ports --manifest-path "$ROOT/Cargo.toml" $flag
    end=$(now)
    echo "| clean build of iana-ports and all its build dependencies | $profile | $(secs "$start" "$end") |"
    best=""
    for _ in 1 2 3; do
        CARGO_TARGET_DIR="$dir" cargo clean -q -p iana-ports --manifest-path "$ROOT/Cargo.toml" $flag
        start=$(now)
        CARGO_TARGET_DIR="$dir" cargo build -q -p iana-ports --manifest-path "$ROOT/Cargo.toml" $flag
        end=$(now)
        s=$(secs "$start" "$end")
        best=$(awk -v a="$best" -v b="$s" 'BEGIN { print (a == "" || b < a) ? b : a }')
    done
    echo "| iana-ports alone (build.rs compile + run + generated code), best of 3 | $profile | **$best** |"
done

# Compile cost of `const` lookups: rebuild only the probe with N consts.
write_consts() {
    local n=$1 names
    names=(http https domain ssh smtp x11 matrix-fed ipp ntp snmp imap pop3 ldap kerberos rdp telnet)
    {
        echo "/// Written by scripts/size-report.sh."
        echo "const CONSTS: [u16; $n] = ["
        for ((i = 0; i < n; i++)); do
            name=${names[$((i % ${#names[@]}))]}
            echo "    match iana_ports::port(\"$name\", iana_ports::Protocol::Tcp) { Some(p) => p + $i % 2, None => 0 },"
        done
        echo "];"
    } > "$WORK/probe/src/consts.rs"
}
probe_time() { # n -> best of 3 seconds to rebuild the probe alone (dev)
    write_consts "$1"
    CARGO_TARGET_DIR="$WORK/target-const" cargo build -q --manifest-path "$PROBE" --features const-lookups
    local best=""
    for _ in 1 2 3; do
        touch "$WORK/probe/src/main.rs"
        start=$(now)
        CARGO_TARGET_DIR="$WORK/target-const" cargo build -q --manifest-path "$PROBE" --features const-lookups
        end=$(now)
        s=$(secs "$start" "$end")
        best=$(awk -v a="$best" -v b="$s" 'BEGIN { print (a == "" || b < a) ? b : a }')
    done
    echo "$best"
}
t0=$(probe_time 0)
t1=$(probe_time 1)
t500=$(probe_time 500)
echo "| probe crate with 0 \`const\` lookups (rebuild of the probe only) | dev | $t0 |"
echo "| probe crate with 1 \`const\` lookup | dev | $t1 |"
echo "| probe crate with 500 \`const\` lookups | dev | $t500 |"
echo
echo "One \`const\` lookup adds $(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", b - a }') s (noise-level);" \
     "500 add $(awk -v a="$t0" -v b="$t500" 'BEGIN { printf "%.2f", b - a }') s," \
     "$(awk -v a="$t0" -v b="$t500" 'BEGIN { printf "%.2f", (b - a) * 1000 / 500 }') ms each."
echo "Goal: build.rs plus generated code <= 5 s."
