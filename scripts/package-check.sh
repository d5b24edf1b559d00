#!/usr/bin/env bash
# Checks that every published crate of the workspace packages cleanly:
#
#   1. manifest metadata crates.io and docs.rs show (description, license,
#      repository, keywords, categories, rust-version, readme that exists;
#      docs.rs metadata on the root crate);
#   2. `cargo package --list`: the files each crate ships (licenses, README,
#      the registry snapshot and build.rs for the root) and none it must not
#      (fuzz/, target/, .ci/);
#   3. `cargo package` of the three crates together, verified: cargo packs
#      them in dependency order into a temporary local registry, so the root
#      crate's build-dependency `iana-ports-gen` (path + version, not on
#      crates.io yet) resolves to the freshly packed crate and every crate is
#      built from its .crate alone, as crates.io users would get it;
#   4. every .crate is at most 10 MiB (crates.io's upload limit).
#
# Usage: scripts/package-check.sh [--no-verify] [--offline] [other cargo package flags]
#   --no-verify  pack without building from the packages (fast);
#   --offline    use only the local crates.io index cache (every dependency
#                must already be downloaded, e.g. by a previous build).
# A working tree with uncommitted changes is packed as it is (--allow-dirty).
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$PWD/target}

published=(iana-ports-gen iana-ports iana-ports-cli) # dependency order
limit=$((10 * 1024 * 1024))
fail=0
die() { echo "package-check: $*" >&2; fail=1; }

extra=("$@")
if [ -n "$(git status --porcelain 2>/dev/null)" ]; then
    extra+=(--allow-dirty)
fi

# 1. Metadata, read from each manifest's [package] table (plain bash and
#    awk: CI installs no python or jq for this). The manifests keep every
#    field on one line; a field inherited from the workspace (`license.workspace
#    = true`) is reported missing: write it in the crate.
manifest_of() {
    case $1 in
        iana-ports) echo Cargo.toml ;;
        iana-ports-gen) echo gen/Cargo.toml ;;
        iana-ports-cli) echo cli/Cargo.toml ;;
    esac
}
# The value of KEY in the [package] table of MANIFEST, as written.
package_field() {
    awk -v key="$2" '
        /^\[/ { in_package = ($0 == "[package]"); next }
        in_package && $0 ~ "^" key "[ \t]*=" { sub("^[^=]*=[ \t]*", ""); print; exit }
    ' "$1"
}
# How many strings a one-line TOML array holds.
array_len() { grep -o '"[^"]*"' <<<"$1" | wc -l; }
for crate in "${published[@]}"; do
    manifest=$(manifest_of "$crate")
    bad=0
    problem() { echo "package-check: $crate: $*" >&2; bad=1; }
    [ "$(package_field "$manifest" name)" = "\"$crate\"" ] || problem "$manifest does not name $crate"
    [ "$(package_field "$manifest" publish)" != "false" ] || problem "publish = false, but it is a published crate"
    for field in description license repository rust-version; do
        value=$(package_field "$manifest" "$field")
        case $value in
            \"?*\") ;;
            *) problem "no \`$field\`" ;;
        esac
    done
    for field in keywords categories; do
        n=$(array_len "$(package_field "$manifest" "$field")")
        [ "$n" -ge 1 ] && [ "$n" -le 5 ] || problem "$n $field (crates.io takes 1-5)"
    done
    readme=$(package_field "$manifest" readme | tr -d '"')
    if [ -n "$readme" ] && [ ! -f "$(dirname "$manifest")/$readme" ]; then
        problem "readme \`$readme\` does not exist"
    fi
    if [ "$crate" = iana-ports ] && ! grep -qxF '[package.metadata.docs.rs]' "$manifest"; then
        problem "no [package.metadata.docs.rs]"
    fi
    [ "$bad" -eq 0 ] || die "$crate: metadata incomplete (see above)"
    echo "$crate $(package_field "$manifest" version | tr -d '"'): rust-version $(package_field "$manifest" rust-version | tr -d '"'), license $(package_field "$manifest" license | tr -d '"')"
done

# 2. File lists.
for crate in "${published[@]}"; do
    list=$(cargo package --list -p "$crate" "${extra[@]}" 2>/dev/null) || {
        cargo package --list -p "$crate" "${extra[@]}" >/dev/null || true
        die "$crate: cargo package --list failed"
        continue
    }
    echo "$crate: $(echo "$list" | wc -l) files"
    required=(Cargo.toml src/lib.rs)
    case $crate in
        iana-ports) required+=(build.rs README.md LICENSE-MIT LICENSE-APACHE
            registry/service-names-port-numbers.xml registry/SHA256SUMS) ;;
        iana-ports-cli) required+=(README.md src/main.rs) ;;
    esac
    for file in "${required[@]}"; do
        grep -qxF "$file" <<<"$list" || die "$crate: $file is not in the package"
    done
    for file in LICENSE-MIT LICENSE-APACHE; do
        grep -qxF "$file" <<<"$list" || echo "package-check: note: $crate ships no $file (its manifest's license expression still applies)" >&2
    done
    if grep -E '^(fuzz|target|\.ci|\.git|\.github|tests/registry-history)/' <<<"$list"; then
        die "$crate: ships files it must not (above)"
    fi
done

# 3 and 4. Pack (and, unless --no-verify, build from the packs); sizes.
pack_args=()
for crate in "${published[@]}"; do pack_args+=(-p "$crate"); done
# Pack and verify in a target dir of their own, emptied first: packs of an
# earlier commit carry the same version, and cargo treats registry sources as
# immutable, so it would reuse their builds (and the sources it unpacked from
# the temporary registry into $CARGO_HOME/registry/src/-<hash>/) unchecked.
pack_target="$CARGO_TARGET_DIR/package-check"
rm -rf "$pack_target"
rm -rf "${CARGO_HOME:-$HOME/.cargo}"/registry/src/-*/iana-ports-*
if CARGO_TARGET_DIR="$pack_target" cargo package "${pack_args[@]}" "${extra[@]}"; then
    for crate in "${published[@]}"; do
        file=$(ls "$pack_target"/package/"$crate"-[0-9]*.crate 2>/dev/null | head -n 1)
        if [ -z "$file" ]; then
            die "$crate: no .crate written"
            continue
        fi
        size=$(stat -c %s "$file")
        echo "$crate: $(basename "$file") $size bytes ($((size / 1024)) KiB; limit $((limit / 1024)) KiB)"
        [ "$size" -le "$limit" ] || die "$crate: $size bytes is over crates.io's 10 MiB"
    done
else
    die "cargo package ${pack_args[*]} ${extra[*]} failed"
fi

if [ "$fail" -ne 0 ]; then
    echo "package-check: FAILED" >&2
    exit 1
fi
echo "package-check: ok"
