#!/usr/bin/env bash
# Moves the shipped snapshot in registry/ to another copy of IANA's registry,
# in one step:
#
#   scripts/update-registry.sh CSV XML
#
# CSV and XML are paths or https:// URLs (downloaded with curl), e.g.
#   https://www.iana.org/assignments/service-names-port-numbers/service-names-port-numbers.csv
#   https://www.iana.org/assignments/service-names-port-numbers/service-names-port-numbers.xml
#
# 1. checks both files by building the crate and the command against them
#    (IANA_PORTS_REGISTRY_DIR, in a throwaway target dir): every fault is the
#    generator's `file:line: what is wrong`, and registry/ stays as it was;
# 2. copies them into registry/ byte for byte and rewrites registry/SHA256SUMS;
# 3. prints `iana-ports diff` of the old CSV against the new (added, removed
#    and changed rows);
# 4. names the place where the data tests pin the snapshot's counts, with the
#    new counts, and the files that name the old snapshot date.
#
# Environment: UPDATE_REGISTRY_TARGET_DIR sets the target dir of step 1 (kept
# between runs; by default a temporary one, removed at the end).
# Exit status: 0 updated, 1 the files do not build (nothing changed), 2 usage.
set -euo pipefail

usage() {
    sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//' >&2
    exit 2
}
[ $# -eq 2 ] || usage
case $1 in -h | --help) usage ;; esac

root=$(cd "$(dirname "$0")/.." && pwd)
csv_name=service-names-port-numbers.csv
xml_name=service-names-port-numbers.xml
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
stage=$work/snapshot
mkdir "$stage"

# Copies a path, or downloads an https URL, to DEST.
fetch() {
    local source=$1 dest=$2
    case $source in
        https://*)
            echo "update-registry: downloading $source" >&2
            curl --fail --silent --show-error --location --proto '=https' --output "$dest" "$source" || {
                echo "update-registry: $source: download failed" >&2
                exit 1
            }
            ;;
        *://*)
            echo "update-registry: $source: only https:// URLs are fetched (or give a path)" >&2
            exit 2
            ;;
        *)
            if [ ! -f "$source" ]; then
                echo "update-registry: $source: no such file" >&2
                exit 2
            fi
            cp -- "$source" "$dest"
            ;;
    esac
}
fetch "$1" "$stage/$csv_name"
fetch "$2" "$stage/$xml_name"

# 1. Build against them. The command is built too: it prints the diff below.
target=${UPDATE_REGISTRY_TARGET_DIR:-$work/target}
echo "update-registry: building against the new files (target dir $target)" >&2
if ! (cd "$root" && IANA_PORTS_REGISTRY_DIR=$stage CARGO_TARGET_DIR=$target \
    cargo build --quiet --locked -p iana-ports-cli --bin iana-ports); then
    echo "update-registry: the new files do not build (above: $stage/$csv_name is $1," \
        "$stage/$xml_name is $2); registry/ is unchanged" >&2
    exit 1
fi
new_binary=$target/debug/iana-ports

# 2. Copy byte for byte; rewrite the checksums.
cp -- "$root/registry/$csv_name" "$work/old.csv"
updated() { grep -o -m 1 '<updated>[^<]*</updated>' "$1" | sed 's/<[^>]*>//g'; }
old_date=$(updated "$root/registry/$xml_name")
new_date=$(updated "$stage/$xml_name")
cp -- "$stage/$csv_name" "$root/registry/$csv_name"
cp -- "$stage/$xml_name" "$root/registry/$xml_name"
(cd "$root/registry" && sha256sum "$csv_name" "$xml_name" >SHA256SUMS)
echo "update-registry: registry/ updated; SHA256SUMS:" >&2
sed 's/^/  /' "$root/registry/SHA256SUMS" >&2

# 3. What changed: the old CSV against the new snapshot (diff exits 1 when
#    they differ, 2 on trouble).
echo
echo "iana-ports diff (old registry/$csv_name against the new snapshot):"
status=0
"$new_binary" diff "$work/old.csv" || status=$?
[ "$status" -le 1 ] || { echo "update-registry: iana-ports diff failed (status $status)" >&2; exit 1; }

# 4. Where the tests pin the snapshot.
rows=$("$new_binary" --info --json | grep -o '"total": *[0-9]*' | grep -o '[0-9]*$')
echo
echo "The data tests pin the snapshot's counts in one place, tests/data.rs:"
grep -n 'assert_eq!(rows.len(), \|assert_eq!(names.len(), ' "$root/tests/data.rs" | sed 's/^/  tests\/data.rs:/'
echo "  the new snapshot has $rows rows; \`cargo test --test data\` names the new count of distinct names."
if [ -n "$old_date" ] && [ "$old_date" != "$new_date" ]; then
    echo "The snapshot date changed ($old_date -> $new_date); these files name the old one:"
    (cd "$root" && grep -rl --exclude-dir=target --exclude-dir=.git --exclude-dir=registry --exclude-dir=fuzz -- "$old_date" . |
        sed 's/^\.\//  /' | sort) || true
fi
echo
echo "Then run: cargo test --workspace --all-features"
