#!/usr/bin/env bash
# Moves the shipped snapshot in registry/ to another copy of IANA's registry,
# in one step:
#
#   scripts/update-registry.sh XML          (IANA's XML alone: a full snapshot)
#   scripts/update-registry.sh CSV XML      (a same-date pair)
#   scripts/update-registry.sh CSV          (a CSV alone: keeps the shipped XML
#                                            for its people, title and date)
#
# Each FILE is a path or an https:// URL (downloaded with curl), e.g.
#   https://www.iana.org/assignments/service-names-port-numbers/service-names-port-numbers.xml
#   https://www.iana.org/assignments/service-names-port-numbers/service-names-port-numbers.csv
# and is told apart by its content (an XML starts with `<`), in any order.
#
# 1. checks the files by building the crate and the command against them
#    (IANA_PORTS_REGISTRY_DIR, in a throwaway target dir): every fault is the
#    generator's `file:line: what is wrong`, and registry/ stays as it was;
# 2. copies them into registry/ byte for byte (an XML alone replaces the
#    shipped CSV too: the XML holds every record) and rewrites
#    registry/SHA256SUMS;
# 3. prints `iana-ports diff` of the old snapshot (its CSV, else its XML)
#    against the new (added, removed and changed rows);
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
[ $# -eq 1 ] || [ $# -eq 2 ] || usage
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
# Fetches each argument, then names it by its content: an XML starts with `<`
# (after a byte order mark and blank space), IANA's CSV with its header.
given_csv='' given_xml=''
both() {
    echo "update-registry: $1 and $2 are both $3 files: give one XML, one CSV, or one of each" >&2
    exit 2
}
for source in "$@"; do
    fetch "$source" "$work/given"
    if LC_ALL=C sed -n '1{s/^\xef\xbb\xbf//;p;q}' "$work/given" | grep -q '^[[:space:]]*<'; then
        [ -z "$given_xml" ] || both "$given_xml" "$source" XML
        given_xml=$source
        mv -- "$work/given" "$stage/$xml_name"
    else
        [ -z "$given_csv" ] || both "$given_csv" "$source" CSV
        given_csv=$source
        mv -- "$work/given" "$stage/$csv_name"
    fi
done

# 1. Build against them. The command is built too: it prints the diff below.
target=${UPDATE_REGISTRY_TARGET_DIR:-$work/target}
echo "update-registry: building against the new files (target dir $target)" >&2
if ! (cd "$root" && IANA_PORTS_REGISTRY_DIR=$stage CARGO_TARGET_DIR=$target \
    cargo build --quiet --locked -p iana-ports-cli --bin iana-ports); then
    echo "update-registry: the new files do not build (above:" \
        "${given_csv:+$stage/$csv_name is $given_csv}${given_csv:+${given_xml:+, }}${given_xml:+$stage/$xml_name is $given_xml});" \
        "registry/ is unchanged" >&2
    exit 1
fi
new_binary=$target/debug/iana-ports

# 2. Copy byte for byte; rewrite the checksums. The old snapshot is kept
#    aside for the diff: its CSV, else its XML.
old_file=$xml_name
[ ! -f "$root/registry/$csv_name" ] || old_file=$csv_name
old_snapshot=$work/old-$old_file
cp -- "$root/registry/$old_file" "$old_snapshot"
updated() { grep -o -m 1 '<updated>[^<]*</updated>' "$1" | sed 's/<[^>]*>//g'; }
old_date=$(updated "$root/registry/$xml_name")
new_date=$old_date
[ -z "$given_xml" ] || new_date=$(updated "$stage/$xml_name")
if [ -n "$given_csv" ]; then
    cp -- "$stage/$csv_name" "$root/registry/$csv_name"
else
    # The XML alone is the snapshot: a CSV of an older date must not stay beside it.
    rm -f -- "$root/registry/$csv_name"
fi
if [ -n "$given_xml" ]; then
    cp -- "$stage/$xml_name" "$root/registry/$xml_name"
fi
pinned=("$xml_name")
[ -z "$given_csv" ] || pinned=("$csv_name" "$xml_name")
(cd "$root/registry" && sha256sum "${pinned[@]}" >SHA256SUMS)
echo "update-registry: registry/ updated; SHA256SUMS:" >&2
sed 's/^/  /' "$root/registry/SHA256SUMS" >&2
if [ -z "$given_xml" ]; then
    echo "update-registry: registry/ keeps its XML of $old_date beside a CSV of another date: the build" \
        "warns that their records differ until you give the XML of the CSV's date" >&2
fi

# 3. What changed: the old snapshot against the new one (diff exits 1 when
#    they differ, 2 on trouble).
echo
echo "iana-ports diff (the old registry/$old_file, ${old_date:-undated}, against the new snapshot, ${new_date:-undated}):"
status=0
"$new_binary" diff "$old_snapshot" || status=$?
[ "$status" -le 1 ] || { echo "update-registry: iana-ports diff failed (status $status)" >&2; exit 1; }

# 4. Where the tests pin the snapshot.
rows=$("$new_binary" --info --json | grep -o '"total": *[0-9]*' | grep -o '[0-9]*$')
echo
echo "The data tests pin the snapshot's counts in one place, tests/data.rs:"
grep -n 'assert_eq!(rows.len(), \|assert_eq!(names.len(), ' "$root/tests/data.rs" | sed 's/^/  tests\/data.rs:/'
echo "  the new snapshot has $rows rows; \`cargo test --test data\` names the new count of distinct names."
if [ -n "$old_date" ] && [ "$old_date" != "$new_date" ]; then
    echo "The snapshot date changed ($old_date -> $new_date); these files name the old one:"
    (cd "$root" && grep -rl --exclude-dir=target --exclude-dir=.git --exclude-dir=registry --exclude-dir=registry-history --exclude-dir=fuzz -- "$old_date" . |
        sed 's/^\.\//  /' | sort) || true
fi
echo
echo "Then run: cargo test --workspace --all-features"
