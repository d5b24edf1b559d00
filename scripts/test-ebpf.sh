#!/usr/bin/env bash
# Loads the XDP object into this kernel and runs every frame of
# ebpf/tests/verdicts.py through it (bpftool prog load / prog run, i.e.
# BPF_PROG_TEST_RUN), printing the verdict table.
#
# Usage: scripts/test-ebpf.sh [OBJECT]   (default: build it with check-ebpf.sh)
#
# Needs root with CAP_BPF (or CAP_SYS_ADMIN) and a bpffs; when /sys/fs/bpf
# is not one, mounts one in a private mount namespace (unshare -m), which
# also drops the pinned program when the test ends. Skips, saying why, when
# any of that is missing: `SKIPPED ebpf-verdicts: <why>`.
set -euo pipefail
cd "$(dirname "$0")/.."

skip() {
    echo "SKIPPED ebpf-verdicts: $*"
    exit 0
}

object=${1:-}
if [ -z "$object" ]; then
    object=$(bash scripts/check-ebpf.sh | tail -n 1)
    object=${object#object: }
fi
[ -f "$object" ] || { echo "no object at $object" >&2; exit 1; }

[ "$(id -u)" = 0 ] || skip "not root (loading an XDP program needs CAP_BPF)"
command -v bpftool >/dev/null || skip "no bpftool (scripts/check-ebpf.sh installs it)"
command -v python3 >/dev/null || {
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-minimal >/dev/null
}

bpffs=/sys/fs/bpf
if [ "$(stat -f -c %T "$bpffs" 2>/dev/null)" != bpf_fs ]; then
    if [ -z "${IANA_PORTS_EBPF_NAMESPACE:-}" ]; then
        unshare -m true 2>/dev/null ||
            skip "$bpffs is not a bpffs and no private mount namespace can be made to mount one (needs CAP_SYS_ADMIN)"
        IANA_PORTS_EBPF_NAMESPACE=1 exec unshare -m --propagation private bash "$0" "$object"
    fi
    mount -t bpf bpf "$bpffs" 2>/dev/null || skip "cannot mount a bpffs on $bpffs"
fi

status=0
python3 ebpf/tests/verdicts.py "$object" "$bpffs" || status=$?
case $status in
    0) ;;
    77) skip "the kernel refuses to load BPF programs here (no CAP_BPF)" ;;
    *) exit "$status" ;;
esac
