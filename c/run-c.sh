#!/bin/sh
# Builds the static library, then compiles and runs the C programs against
# it with the system cc (-std=c99 -Wall -Werror):
#   c/run-c.sh          the C test (tests/c/test.c)
#   c/run-c.sh bench    the benchmark against glibc (bench/bench.c)
#   c/run-c.sh example  the README example (examples/example.c)
#   c/run-c.sh sanitize the C test under AddressSanitizer and
#                       UndefinedBehaviorSanitizer, against the debug build
#                       (whose checks catch a bad slice on the Rust side)
# CARGO_TARGET_DIR is honoured; the programs go to $target/c/.
set -eu
what="${1:-test}"
root="$(cd "$(dirname "$0")/.." && pwd)"
target="${CARGO_TARGET_DIR:-$root/target}"
profile=release
flags="-O2"
if [ "$what" = sanitize ]; then
    profile=debug
    flags="-O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=all"
fi
release=""
[ "$profile" = release ] && release="--release"
# shellcheck disable=SC2086 # $release is one flag or none
cargo build --manifest-path "$root/Cargo.toml" -p iana-ports-c $release
# The system libraries Rust's standard library needs in a static link.
# shellcheck disable=SC2086
libs="$(cargo rustc --manifest-path "$root/Cargo.toml" -p iana-ports-c $release --lib --crate-type staticlib \
    -- --print native-static-libs 2>&1 | sed -n 's/.*native-static-libs: //p' | tail -n 1)"
mkdir -p "$target/c"
case "$what" in
    test | sanitize) src="$root/c/tests/c/test.c" ;;
    bench) src="$root/c/bench/bench.c" ;;
    example) src="$root/c/examples/example.c" ;;
    *) echo "usage: $0 [test|bench|example|sanitize]" >&2; exit 2 ;;
esac
exe="$target/c/$what"
# shellcheck disable=SC2086 # $flags and $libs are lists of flags
cc -std=c99 -Wall -Wextra -Werror $flags -I"$root/c/include" -o "$exe" "$src" \
    "$target/$profile/libiana_ports_c.a" -Wl,--gc-sections $libs
"$exe"
