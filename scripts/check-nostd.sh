#!/bin/sh
# Builds tests/check-nostd for a bare-metal target (no std, no allocator):
# proof that iana-ports, its const lookups, typed constants, `port!`,
# `ports!`, `PortSpec`, `suggest`, `lookup_port`, `split_host_port` and the
# serde impls work in #![no_std]. Builds the minimal and the full column
# set, and the minimal one with `serde`.
# Usage: scripts/check-nostd.sh [target]   (default thumbv7em-none-eabihf;
# CI also runs thumbv6m-none-eabi and riscv32imc-unknown-none-elf)
set -eu
target="${1:-thumbv7em-none-eabihf}"
root="$(cd "$(dirname "$0")/.." && pwd)"
if command -v rustup >/dev/null 2>&1; then
    rustup target add "$target"
fi
manifest="$root/tests/check-nostd/Cargo.toml"
cargo build --manifest-path "$manifest" --target "$target" --release
cargo build --manifest-path "$manifest" --target "$target" --release --features full
cargo build --manifest-path "$manifest" --target "$target" --release --features serde
echo "check-nostd: OK on $target (minimal, full, and serde without an allocator)"
