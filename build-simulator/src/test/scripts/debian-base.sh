#!/bin/bash
# Prints the path of a cached Debian minbase rootfs tar, building it first when it is missing:
#   debootstrap --variant=minbase SUITE from the Debian mirror configured for apt, trimmed like the
#   official images (no .debs, empty apt lists, apt's docker-clean config), as
#   shared/tools/build-anchor/mk-debian-minbase.sh does for the reference figures.
# Cache: ${DFTOOLS_TEST_BASES:-${XDG_CACHE_HOME:-~/.cache}/dftools/test-bases}/debian-SUITE-minbase.tar
# (keyed by suite and variant; delete it to rebuild). Needs root, debootstrap and the mirror.
# usage: debian-base.sh [SUITE]     (default bookworm; MIRROR=<url> overrides the apt mirror)
# Exit 3 with one line on stderr when a prerequisite is missing (callers skip), 1 when debootstrap fails.
set -euo pipefail
SUITE=${1:-bookworm}
CACHE=${DFTOOLS_TEST_BASES:-${XDG_CACHE_HOME:-$HOME/.cache}/dftools/test-bases}
OUT=$CACHE/debian-$SUITE-minbase.tar
if [ -s "$OUT" ]; then echo "$OUT"; exit 0; fi
[ "$(id -u)" = 0 ] || { echo "debootstrap needs root" >&2; exit 3; }
command -v debootstrap >/dev/null || { echo "debootstrap is not installed (apt-get install debootstrap)" >&2; exit 3; }
# First ".../debian" URI among the configured apt sources (deb822 .sources or one-line .list files).
find_mirror() {
  local f
  for f in /etc/apt/sources.list.d/*.sources /etc/apt/sources.list.d/*.list /etc/apt/sources.list; do
    [ -f "$f" ] && tr ' \t' '\n\n' < "$f"
  done | grep -m1 -E '^(https?|file)://.*/debian/?$' || true
}
MIRROR=${MIRROR:-$(find_mirror)}
[ -n "$MIRROR" ] || { echo "no Debian mirror in the apt sources; set MIRROR=<url>" >&2; exit 3; }
mkdir -p "$CACHE"
WORK=$(mktemp -d "$CACHE/.debian-$SUITE.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
R=$WORK/rootfs
if ! debootstrap --variant=minbase "$SUITE" "$R" "$MIRROR" > "$WORK/debootstrap.log" 2>&1; then
  echo "debootstrap --variant=minbase $SUITE $MIRROR failed: $(tail -1 "$WORK/debootstrap.log")" >&2; exit 1
fi
rm -rf "$R"/var/cache/apt/archives/*.deb "$R"/var/lib/apt/lists/*
# debootstrap copies the host's resolv.conf and hostname in; an image must not ship them, but an
# empty resolv.conf stays as the mount point for the build's DNS (Docker's images ship none; dfsim's
# sandbox binds the host's file only over an existing one, so it would otherwise land in a layer).
: > "$R/etc/resolv.conf"; rm -f "$R/etc/hostname"
cat > "$R/etc/apt/apt.conf.d/docker-clean" <<'CLEAN'
DPkg::Post-Invoke { "rm -f /var/cache/apt/archives/*.deb /var/cache/apt/archives/partial/*.deb /var/cache/apt/*.bin || true"; };
APT::Update::Post-Invoke { "rm -f /var/cache/apt/archives/*.deb /var/cache/apt/archives/partial/*.deb /var/cache/apt/*.bin || true"; };
Dir::Cache::pkgcache "";
Dir::Cache::srcpkgcache "";
CLEAN
tar --numeric-owner --sort=name -C "$R" -cf "$WORK/base.tar" .
mv "$WORK/base.tar" "$OUT"
echo "$OUT"
