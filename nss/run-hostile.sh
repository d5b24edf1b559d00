#!/bin/sh
# The hostile-input C harness (tests/c/hostile.c) under AddressSanitizer
# and UndefinedBehaviorSanitizer, linked against libnss_iana.so.2.
# With a nightly toolchain the module itself is built with
# -Zsanitizer=address too, so that ASan checks its own stores; without one
# (or with NSS_RUST_ASAN=no) a normal build, whose stores the harness's
# guard bytes around every buffer check instead.
# NSS_NIGHTLY names the nightly (default: `nightly`); NSS_RUST_ASAN=required
# fails instead of falling back to a normal build (CI sets it).
# CARGO_TARGET_DIR is honoured; everything goes to $target/nss-hostile/.
set -eu
root="$(cd "$(dirname "$0")/.." && pwd)"
out="${CARGO_TARGET_DIR:-$root/target}/nss-hostile"
host="$(rustc -vV | sed -n 's/^host: //p')"
mkdir -p "$out/lib"
nightly="${NSS_NIGHTLY:-nightly}"
if [ "${NSS_RUST_ASAN:-auto}" = required ] && ! cargo "+$nightly" --version >/dev/null 2>&1; then
    echo "hostile: NSS_RUST_ASAN=required but no $nightly toolchain" >&2
    exit 1
fi
if [ "${NSS_RUST_ASAN:-auto}" != no ] && cargo "+$nightly" --version >/dev/null 2>&1; then
    RUSTFLAGS="-Zsanitizer=address" cargo "+$nightly" build --manifest-path "$root/Cargo.toml" -p iana-ports-nss \
        --target "$host" --target-dir "$out/asan"
    cp "$out/asan/$host/debug/libnss_iana.so" "$out/lib/libnss_iana.so.2"
    echo "hostile: the module built with -Zsanitizer=address ($nightly)"
else
    cargo build --manifest-path "$root/Cargo.toml" -p iana-ports-nss --target-dir "$out/plain"
    cp "$out/plain/debug/libnss_iana.so" "$out/lib/libnss_iana.so.2"
    echo "hostile: the module built normally (no nightly toolchain, or NSS_RUST_ASAN=no): guard bytes check its stores"
fi
cc -std=gnu11 -g -O1 -Wall -Wextra -Werror -fsanitize=address,undefined -fno-sanitize-recover=all \
    -o "$out/hostile" "$root/nss/tests/c/hostile.c" -L"$out/lib" -l:libnss_iana.so.2 -lpthread
# Leak checking needs ptrace, which containers often forbid; leaks are not
# what this harness looks for.
export ASAN_OPTIONS="detect_leaks=0" LD_LIBRARY_PATH="$out/lib"
if ! "$out/hostile" 2>"$out/hostile.stderr"; then
    # GCC 12's ASan cannot place its shadow memory under kernels with 32
    # bits of mmap randomization; without address randomization it can.
    if grep -q "Shadow memory range interleaves" "$out/hostile.stderr"; then
        setarch "$(uname -m)" -R "$out/hostile"
    else
        cat "$out/hostile.stderr" >&2
        exit 1
    fi
fi
