#!/usr/bin/env bash
# What a dependent's clean build pays for iana-ports, this tree beside
# another ref, in one run (the machine's load then weighs on both alike).
#
#   scripts/build-cost.sh            # this working tree beside `main`
#   scripts/build-cost.sh REF        # ... beside REF (a commit, tag or branch)
#   RUNS=5 scripts/build-cost.sh     # best of 5 instead of 3
#
# The dependent is a new crate whose one dependency is iana-ports (default
# features) and that calls `service_name()`. Each measurement is a clean
# `cargo build` or `cargo check` from an empty target dir, without
# incremental compilation (as a crates.io dependency builds); the two trees
# take turns, best of RUNS each. Then one `cargo build --timings` per tree
# lists the units that took longest, and `cargo tree` what gets compiled.
#
# Goal (issue 24): clean build <= 3.5 s, clean check <= 3.0 s on a quiet
# 2-core machine. Works under $WORK (default /tmp/iana-ports-build-cost);
# REF is checked out there with `git worktree`, removed again at the end.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
REF=${1:-main}
RUNS=${RUNS:-3}
WORK=${WORK:-/tmp/iana-ports-build-cost}
export CARGO_INCREMENTAL=0

rm -rf "$WORK"
mkdir -p "$WORK"
git -C "$ROOT" worktree prune
git -C "$ROOT" worktree add -q --detach "$WORK/ref" "$REF"
trap 'git -C "$ROOT" worktree remove --force "$WORK/ref" 2>/dev/null || true' EXIT

# A dependent crate per tree: one path dependency, one call.
dependent() { # name crate-dir
    mkdir -p "$WORK/$1/src"
    cat >"$WORK/$1/Cargo.toml" <<EOF
[package]
name = "dependent"
version = "0.1.0"
edition = "2021"

[dependencies]
iana-ports = { path = "$2" }

[workspace]
EOF
    echo 'fn main() { println!("{:?}", iana_ports::service_name(443, iana_ports::Protocol::Tcp)); }' \
        >"$WORK/$1/src/main.rs"
    # The tree's own pinned versions; resolved and fetched outside the timed runs.
    cp "$2/Cargo.lock" "$WORK/$1/Cargo.lock"
    cargo fetch -q --manifest-path "$WORK/$1/Cargo.toml"
}
dependent this "$ROOT"
dependent base "$WORK/ref"

now() { date +%s.%N; }
# seconds of one clean `cargo $2` of dependent $1
clean_run() {
    local dir="$WORK/$1" start end
    rm -rf "$dir/target"
    start=$(now)
    cargo "$2" -q --manifest-path "$dir/Cargo.toml" >/dev/null 2>"$dir/stderr" || {
        cat "$dir/stderr" >&2
        exit 1
    }
    end=$(now)
    awk -v s="$start" -v e="$end" 'BEGIN { printf "%.2f", e - s }'
}

declare -A best
for mode in build check; do
    for tree in this base; do best[$tree.$mode]=999; done
    for _ in $(seq "$RUNS"); do
        for tree in this base; do
            t=$(clean_run "$tree" "$mode")
            best[$tree.$mode]=$(awk -v a="$t" -v b="${best[$tree.$mode]}" 'BEGIN { print (a < b) ? a : b }')
        done
    done
done

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
echo "## Clean build of a dependent (best of $RUNS, $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg))"
echo
echo "| | this tree ($(git -C "$ROOT" rev-parse --short HEAD)$(git -C "$ROOT" diff --quiet HEAD || echo '+changes')) | $REF ($(git -C "$WORK/ref" rev-parse --short HEAD)) | ratio | goal |"
echo "|---|---|---|---|---|"
echo "| cargo build | ${best[this.build]} s | ${best[base.build]} s | $(ratio "${best[this.build]}" "${best[base.build]}") | <= 3.5 s |"
echo "| cargo check | ${best[this.check]} s | ${best[base.check]} s | $(ratio "${best[this.check]}" "${best[base.check]}") | <= 3.0 s |"

# The longest units of one `cargo build --timings` per tree.
units() { # tree
    local dir="$WORK/$1"
    rm -rf "$dir/target"
    cargo build -q --timings --manifest-path "$dir/Cargo.toml" >/dev/null 2>&1
    python3 - "$dir"/target/cargo-timings/cargo-timing.html <<'EOF'
import json, re, sys
text = open(sys.argv[1]).read()
units = json.loads(re.search(r"const UNIT_DATA = (\[.*?\]);", text, re.S).group(1))
for u in sorted(units, key=lambda u: -u["duration"]):
    if u["duration"] >= 0.05:
        what = u["target"].strip() or "lib"
        print(f"| {u['name']} {what} | {u['start']:.2f} | {u['duration']:.2f} |")
EOF
}
if command -v python3 >/dev/null; then
    for tree in this base; do
        echo
        echo "### cargo build --timings, $tree tree: units of 0.05 s or more"
        echo
        echo "| unit | starts at (s) | takes (s) |"
        echo "|---|---|---|"
        units "$tree"
    done
fi
for tree in this base; do
    echo
    echo "### cargo tree -e normal,build, $tree tree"
    echo
    echo '```'
    cargo tree -q -e normal,build --manifest-path "$WORK/$tree/Cargo.toml" -p iana-ports
    echo '```'
done
