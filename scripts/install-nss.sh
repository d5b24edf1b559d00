#!/bin/sh
# Installs libnss_iana.so.2 (nss/) into the multiarch library directory,
# where glibc's NSS loader finds it, and prints the nsswitch.conf line to
# add; /etc/nsswitch.conf itself is left alone.
#
#   scripts/install-nss.sh                 build (release) and install
#   scripts/install-nss.sh --uninstall     remove it again
# Options: --lib FILE    install this built libnss_iana.so instead of building
#          --libdir DIR  install into DIR instead of /usr/lib/<multiarch>
set -eu
root="$(cd "$(dirname "$0")/.." && pwd)"
action=install lib= libdir= system=no
while [ $# -gt 0 ]; do
    case "$1" in
        --uninstall) action=uninstall ;;
        --lib) lib="$2"; shift ;;
        --libdir) libdir="$2"; shift ;;
        -h|--help) sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "install-nss.sh: unknown argument: $1 (see --help)" >&2; exit 2 ;;
    esac
    shift
done

if [ -z "$libdir" ]; then
    system=yes
    multiarch="$(dpkg-architecture -qDEB_HOST_MULTIARCH 2>/dev/null || gcc -print-multiarch 2>/dev/null || true)"
    if [ -n "$multiarch" ] && [ -d "/usr/lib/$multiarch" ]; then
        libdir="/usr/lib/$multiarch"
    else
        # No multiarch layout (Fedora, Arch ...): where libc.so.6 lives.
        libdir="$(dirname "$(ldconfig -p | awk '/libc\.so\.6 / { print $NF; exit }')")"
    fi
fi
target="$libdir/libnss_iana.so.2"

# The dynamic linker's cache, for a system directory (when root).
refresh_cache() {
    if [ "$system" = yes ] && [ "$(id -u)" = 0 ] && command -v ldconfig >/dev/null; then
        ldconfig
    fi
}

if [ "$action" = uninstall ]; then
    rm -f "$target"
    refresh_cache
    echo "removed $target"
    echo "remove \`iana' from the services line of /etc/nsswitch.conf if you added it:"
    grep '^services:' /etc/nsswitch.conf 2>/dev/null || true
    exit 0
fi

if [ -z "$lib" ]; then
    cargo build --manifest-path "$root/Cargo.toml" --release -p iana-ports-nss
    lib="${CARGO_TARGET_DIR:-$root/target}/release/libnss_iana.so"
fi
[ -f "$lib" ] || { echo "install-nss.sh: no library at $lib" >&2; exit 1; }
mkdir -p "$libdir"
install -m 0644 "$lib" "$target"
refresh_cache
echo "installed $target"
current="$(grep '^services:' /etc/nsswitch.conf 2>/dev/null || true)"
echo "now name the module on the services line of /etc/nsswitch.conf (after files, so that local entries win):"
echo "    services:       files iana"
[ -n "$current" ] && echo "(it reads now: $current)"
echo "check with: getent -s services:iana services matrix-fed"
