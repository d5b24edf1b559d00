#!/bin/sh
# Builds tests/check-nostd for a bare-metal target (no std, no allocator):
# proof that iana-ports, its const lookups, typed constants, `port!`,
# `ports!`, `PortSpec` and `suggest` work in #![no_std]. Builds the minimal
# and the full column set.
# Usage: scripts/check-nostd.sh [target]   (default thumbv7em-none-eabihf)
set -eu
target="${1:-thumbv7em-none-eabihf}"
root="$(cd "$(dirname "$0")/.." && pwd)"
if command -v rustup >/dev/null 2>&1; then
    rustup target add "$target"
fi
manifest="$root/tests/check-nostd/Cargo.toml"
cargo build --manifest-path "$manifest" --target "$target" --release
cargo build --manifest-path "$manifest" --target "$target" --release --features full
echo "check-nostd: OK on $target (minimal and full)"
