#!/bin/sh
# getservbyname/getservbyport per lookup, side by side in one run:
#   module   libnss_iana.so.2 (release build), `services: iana`
#   netbase  glibc's files backend over Debian's /etc/services (netbase)
#   export   glibc's files backend over `iana-ports --etc-services`
# The same queries for all three, spread over netbase's file, each one
# that every backend answers. The files cases bind-mount
# their file over /etc/services in a private mount namespace (root with
# CAP_SYS_ADMIN); elsewhere they are skipped, saying why.
# Usage: nss/bench/run-bench.sh [seconds per measurement, default 1]
set -eu
seconds="${1:-1}"
root="$(cd "$(dirname "$0")/../.." && pwd)"
out="${CARGO_TARGET_DIR:-$root/target}/nss-bench"
mkdir -p "$out/lib"
cargo build --manifest-path "$root/Cargo.toml" --release -p iana-ports-nss -p iana-ports-cli
target="${CARGO_TARGET_DIR:-$root/target}"
cp "$target/release/libnss_iana.so" "$out/lib/libnss_iana.so.2"
"$target/release/iana-ports" --etc-services > "$out/export.services"
cc -std=gnu11 -O2 -Wall -Wextra -Werror -o "$out/bench" "$root/nss/bench/bench.c" -ldl

# Debian's file: the machine's own when netbase installed it unchanged,
# else one from the netbase package.
netbase="$out/netbase.services"
if dpkg -S /etc/services 2>/dev/null | grep -q '^netbase:' && ! dpkg --verify netbase 2>/dev/null | grep -q services; then
    cp /etc/services "$netbase"
else
    (cd "$out" && apt-get download netbase >/dev/null && dpkg-deb -x netbase_*.deb netbase-deb) \
        || { echo "no netbase package to download (apt-get update?)" >&2; exit 1; }
    cp "$out/netbase-deb/etc/services" "$netbase"
fi
# Every 9th line of netbase's file on tcp/udp/sctp/dccp whose name and port
# the registry also has (netbase keeps a few names IANA does not: `nbp`).
grep -v '^#' "$netbase" | awk '$2 ~ /\/(tcp|udp|sctp|dccp)$/ { if (n++ % 9 == 0) print $1, $2 }' |
    while read -r name port; do
        if LD_LIBRARY_PATH="$out/lib" getent -s services:iana services "$name/${port#*/}" >/dev/null &&
            LD_LIBRARY_PATH="$out/lib" getent -s services:iana services "$port" >/dev/null; then
            echo "$name $port"
        fi
    done > "$out/queries"

echo "queries: $(wc -l < "$out/queries") (netbase file: $(grep -c -v '^#' "$netbase") service lines; export: $(grep -c -v '^#' "$out/export.services"))"
results="$out/results"
LD_LIBRARY_PATH="$out/lib" "$out/bench" iana module "$seconds" < "$out/queries" > "$results"
if [ "$(id -u)" = 0 ] && unshare -m --propagation private true 2>/dev/null; then
    for file in netbase export; do
        unshare -m --propagation private sh -c \
            "mount --bind '$out/$file.services' /etc/services && exec '$out/bench' files $file $seconds" \
            < "$out/queries" >> "$results"
    done
else
    echo "SKIPPED files-backend cases: no private mount namespace here (need root with CAP_SYS_ADMIN)"
fi
awk '{ name[$1] = $3; port[$1] = $5 }
END {
    printf "%-32s %12s %12s\n", "", "byname ns", "byport ns"
    printf "%-32s %12s %12s\n", "module (libnss_iana.so.2)", name["module"], port["module"]
    printf "%-32s %12s %12s\n", "  of which the module itself", name["direct"], port["direct"]
    if ("netbase" in name) {
        printf "%-32s %12s %12s\n", "files, netbase (361 lines)", name["netbase"], port["netbase"]
        printf "%-32s %12s %12s\n", "files, export", name["export"], port["export"]
        printf "%-32s %11.0fx %11.0fx\n", "netbase / module", name["netbase"] / name["module"], port["netbase"] / port["module"]
        printf "%-32s %11.0fx %11.0fx\n", "export / module", name["export"] / name["module"], port["export"] / port["module"]
    }
}' "$results"
