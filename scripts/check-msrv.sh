#!/usr/bin/env bash
# Builds the library in every feature set, and the generator, the CLI and
# the NSS module, with the oldest Rust the manifest promises
# (`rust-version` in Cargo.toml): proof that the stated MSRV holds, not only a claim.
#
#   scripts/check-msrv.sh        # installs the toolchain with rustup if needed
#
# Uses its own target dir ($MSRV_TARGET_DIR, default target/msrv) so that
# the newer toolchain's artefacts are not thrown away.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
msrv=$(sed -n 's/^rust-version *= *"\(.*\)"/\1/p' "$root/Cargo.toml" | head -n 1)
[ -n "$msrv" ] || { echo "check-msrv: no rust-version in $root/Cargo.toml" >&2; exit 2; }
rustup toolchain install "$msrv" --profile minimal >/dev/null 2>&1 || rustup toolchain install "$msrv" --profile minimal
export CARGO_TARGET_DIR="${MSRV_TARGET_DIR:-$root/target/msrv}"
build() {
    echo "check-msrv: rust $msrv: cargo build $*"
    cargo "+$msrv" build --quiet --locked --manifest-path "$root/Cargo.toml" "$@"
}
# Every feature set of the library: none, each column alone, the default, all.
build -p iana-ports --no-default-features
for feature in descriptions contacts dates references notes std serde; do
    build -p iana-ports --no-default-features --features "$feature"
done
build -p iana-ports
build -p iana-ports --all-features
build -p iana-ports-gen
build -p iana-ports-cli
build -p iana-ports-nss
echo "check-msrv: OK, every feature set builds with rust $msrv (the manifest's rust-version)"
