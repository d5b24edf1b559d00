#!/usr/bin/env bash
# Builds the XDP program in ebpf/ and checks that no registry table reached
# it; prints `object: PATH` as its last line (scripts/test-ebpf.sh loads it).
#
# Installs what it needs, each step skipped when already there:
# - Debian's LLVM 22 (llvm-22-dev, bookworm-security) and bpftool;
# - the nightly pinned in ebpf/rust-toolchain.toml (its LLVM is 22.1.4) with
#   rust-src, for `-Z build-std=core`;
# - bpf-linker 0.13.0 built against Debian's libLLVM 22, into
#   $CARGO_HOME/ebpf-tools (outside target/, so `cargo clean` keeps it).
# Also checks point 4 of issue 23: the crate itself builds for
# bpfel-unknown-none, without and with default features.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

llvm_major=22
llvm=/usr/lib/llvm-$llvm_major
bpf_linker_version=0.13.0
nightly=$(sed -n 's/^channel = "\(.*\)"$/\1/p' ebpf/rust-toolchain.toml)
tools=${CARGO_HOME:-$HOME/.cargo}/ebpf-tools/bpf-linker-$bpf_linker_version-llvm$llvm_major
rodata_limit=1024
# Registry text that must not reach the object: a long service name, a
# description, the registry's title.
forbidden=("matrix-fed" "Domain Name Server" "Service Name and Transport Protocol Port Number Registry")

# Each step's start, in seconds since the script began (CI time budget).
step() { printf '==> [%ds] %s\n' "$SECONDS" "$*" >&2; }

step "apt: llvm-$llvm_major-dev, bpftool"
packages=(llvm-$llvm_major-dev libpolly-$llvm_major-dev zlib1g-dev libzstd-dev bpftool)
if ! dpkg -s "${packages[@]}" >/dev/null 2>&1; then
    [ "$(id -u)" = 0 ] || { echo "missing ${packages[*]}; run as root to install them" >&2; exit 1; }
    apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${packages[@]}" >&2
fi

step "rustup: $nightly with rust-src and clippy"
rustup toolchain install "$nightly" --profile minimal -c rust-src -c clippy >&2

step "bpf-linker $bpf_linker_version against $llvm ($tools)"
if ! "$tools/bin/bpf-linker" --version >/dev/null 2>&1; then
    # LLVM_PREFIX: /usr/bin/llvm-config is Debian's default LLVM (14), not 22.
    LLVM_PREFIX=$llvm LLVM_SYS_221_PREFIX=$llvm \
        cargo install bpf-linker --version "$bpf_linker_version" --locked \
        --no-default-features --features "llvm-$llvm_major" --root "$tools" >&2
fi
"$tools/bin/bpf-linker" --version >&2

step "iana-ports builds for bpfel-unknown-none (issue 23, point 4)"
cargo "+$nightly" build -Z build-std=core --target bpfel-unknown-none -p iana-ports --no-default-features >&2
cargo "+$nightly" build -Z build-std=core --target bpfel-unknown-none -p iana-ports >&2

# `cargo build` above only writes LLVM bitcode into the rlib; the BPF
# backend first compiles the crate's code when bpf-linker links a program.
# ebpf/src/bin/lookup-probe.rs calls the run-time lookups (port, by_port,
# service_name, status) on packet input, so linking it is the check that
# they get through the backend (no 128-bit multiply, for one).
step "the XDP program and the lookup probe (ebpf/, $nightly from ebpf/rust-toolchain.toml)"
# ebpf/ is outside the workspace, so `cargo fmt --all` at the root skips it.
rustfmt --edition 2024 --check ebpf/src/main.rs ebpf/src/bin/*.rs >&2
(cd ebpf && PATH="$tools/bin:$PATH" cargo clippy --release -- -D warnings >&2)
(cd ebpf && PATH="$tools/bin:$PATH" cargo build --release >&2)
object=$root/ebpf/target/bpfel-unknown-none/release/iana-ports-xdp
probe=$root/ebpf/target/bpfel-unknown-none/release/lookup-probe

step "sections, and no registry table in the object"
"$llvm/bin/llvm-readelf" --sections --wide "$object" >&2
# Section sizes from `llvm-readelf --sections`: "[Nr] NAME TYPE ADDR OFF SIZE ...".
section_sizes() {
    "$llvm/bin/llvm-readelf" --sections --wide "$object" |
        sed -n 's/^ *\[ *[0-9]*\] \([^ ]*\) *[A-Z_]* *[0-9a-f]* [0-9a-f]* \([0-9a-f]*\) .*/\1 \2/p'
}
# Allocated data: .rodata* (libbpf maps it as global data), .data*, .bss*.
data_bytes=0
program_bytes=0
while read -r name hex; do
    case $name in
        .rodata* | .data* | .bss*) data_bytes=$((data_bytes + 0x$hex)) ;;
        xdp) program_bytes=$((0x$hex)) ;;
    esac
done < <(section_sizes)
status=0
if [ "$data_bytes" -ge "$rodata_limit" ]; then
    echo "FAIL: .rodata/.data/.bss hold $data_bytes bytes, the limit is $rodata_limit" >&2
    status=1
fi
for text in "${forbidden[@]}"; do
    if grep -qaF "$text" "$object"; then
        echo "FAIL: the object contains registry text \"$text\"" >&2
        status=1
    fi
done
if "$llvm/bin/llvm-objdump" --syms "$object" | grep -qiE 'tables|NAME_|RECORD'; then
    echo "FAIL: a registry table symbol reached the object:" >&2
    "$llvm/bin/llvm-objdump" --syms "$object" | grep -iE 'tables|NAME_|RECORD' >&2
    status=1
fi
[ "$status" = 0 ] || exit 1
probe_rodata=$("$llvm/bin/llvm-readelf" --sections --wide "$probe" | sed -n 's/.* \.rodata *PROGBITS *[0-9a-f]* [0-9a-f]* \([0-9a-f]*\) .*/\1/p')
echo "lookup probe (run-time lookups, linked, not loaded): .rodata $((0x${probe_rodata:-0})) bytes, the registry tables it reads" >&2
echo "program: $program_bytes bytes ($((program_bytes / 8)) instructions); .rodata+.data+.bss: $data_bytes bytes (limit $rodata_limit); object file: $(stat -c %s "$object") bytes" >&2
echo "check-ebpf: ${SECONDS}s in all" >&2
echo "object: $object"
