#!/bin/bash
# dfsim build vs buildah bud --layers --isolation chroot (overlay storage in a temp root), same run,
# same bases, same build contexts: D1, D2, D5 (busybox base) and D4bad, D4good (Debian minbase from
# debootstrap, the same tar imported into both tools).
#   cold = empty layer caches, base images present;  warm = the same build again, nothing changed.
# Prints one TSV line per build and a markdown summary (medians, dfsim/buildah ratio).
# Needs root, buildah, debootstrap, busybox-static, the Debian mirror (D4), Java 17 + Maven (bin/dfsim).
# Knobs: BENCH_ROUNDS (3), BENCH_NAMES ("D1 D2 D5 D4bad D4good"), BENCH_WORK (scratch dir, default
# mktemp -d; deleted at the end unless set), DFSIM (bin/dfsim).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
ANCHORS=${ANCHORS:-/work/shared/reference/build-anchor-dockerfiles}
ROUNDS=${BENCH_ROUNDS:-3}
NAMES=${BENCH_NAMES:-D1 D2 D5 D4bad D4good}
DFSIM=${DFSIM:-$ROOT/bin/dfsim}
[ "$(id -u)" = 0 ] || { echo "run as root (dfsim's sandbox and buildah's overlay storage)" >&2; exit 2; }
for t in buildah debootstrap busybox; do
  command -v $t >/dev/null || { echo "missing $t: apt-get install -y buildah debootstrap busybox-static" >&2; exit 2; }
done
if [ -n "${BENCH_WORK:-}" ]; then W=$BENCH_WORK; mkdir -p "$W"; KEEP=1; else W=$(mktemp -d); KEEP=0; fi
# buildah: private overlay storage and config under $W (as shared/tools/build-anchor/conf/env.sh)
mkdir -p "$W/conf" "$W/tmp"
cat > "$W/conf/storage.conf" <<CONF
[storage]
driver = "overlay"
graphroot = "$W/buildah/storage"
runroot = "$W/buildah/run"
[storage.options.overlay]
mountopt = "nodev"
CONF
printf 'unqualified-search-registries = []\nshort-name-mode = "disabled"\n' > "$W/conf/registries.conf"
printf '[containers]\nnetns = "host"\n[engine]\ncgroup_manager = "cgroupfs"\nevents_logger = "file"\n' > "$W/conf/containers.conf"
export CONTAINERS_STORAGE_CONF=$W/conf/storage.conf CONTAINERS_REGISTRIES_CONF=$W/conf/registries.conf \
       CONTAINERS_CONF=$W/conf/containers.conf BUILDAH_ISOLATION=chroot TMPDIR=$W/tmp
cleanup() {
  buildah rm --all >/dev/null 2>&1 || true
  # containers/storage keeps a private bind mount on <graphroot>/overlay (build-sandbox.md pitfall 13)
  umount "$W/buildah/storage/overlay" 2>/dev/null || true
  [ "$KEEP" = 1 ] || rm -rf "$W"
}
trap cleanup EXIT
now() { date +%s.%N; }

echo "# bases" >&2
B=$W/bases; mkdir -p "$B/busybox"/{bin,etc,tmp,root,proc,sys,dev,usr/bin,usr/sbin,sbin,var,home}
cp /bin/busybox "$B/busybox/bin/"; chroot "$B/busybox" /bin/busybox --install -s; chmod 1777 "$B/busybox/tmp"
printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\n' > "$B/busybox/etc/passwd"
printf 'root:x:0:\nnogroup:x:65534:\n' > "$B/busybox/etc/group"
tar --sort=name --numeric-owner --owner=0 --group=0 --mtime='2024-01-01 00:00:00' -C "$B/busybox" -cf "$B/busybox.tar" .
NEED_DEBIAN=0; case " $NAMES " in *" D3"*|*" D4"*) NEED_DEBIAN=1;; esac
[ $NEED_DEBIAN = 1 ] && DEBIAN_TAR=$("$ROOT/build-simulator/src/test/scripts/debian-base.sh" bookworm)

"$DFSIM" --version >/dev/null       # builds the jar (and the launcher's CDS archive) outside the timings
BASESTORE=$W/dfsim-bases
"$DFSIM" import --store "$BASESTORE" "$B/busybox.tar" localhost/busybox:local >&2
[ $NEED_DEBIAN = 1 ] && "$DFSIM" import --store "$BASESTORE" "$DEBIAN_TAR" localhost/debian-minbase:local >&2
# buildah keeps its images unpacked in its storage; so does dfsim after a first use (STORE/unpacked):
# unpack the bases here (a FROM + ENV build), so that "cold" means the same for both tools
for base in localhost/busybox:local $([ $NEED_DEBIAN = 1 ] && echo localhost/debian-minbase:local); do
  mkdir -p "$W/prime"; printf 'FROM %s\nENV DFSIM_BENCH_PRIME=1\n' "$base" > "$W/prime/Dockerfile"
  "$DFSIM" build --store "$BASESTORE" -t localhost/prime "$W/prime" >/dev/null 2>&1
done
# buildah: the same tars as one-layer images (shared/tools/build-anchor/mk-base-images.sh)
bbase() { local c; c=$(buildah from scratch); buildah add -q "$c" "$2" / >/dev/null
  buildah config --cmd "$3" --env PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin "$c"
  buildah commit -q --rm "$c" "localhost/$1:local" >/dev/null; }
bbase busybox "$B/busybox.tar" /bin/sh
[ $NEED_DEBIAN = 1 ] && bbase debian-minbase "$DEBIAN_TAR" /bin/bash

mkdir -p "$W/ctx"
for n in $NAMES; do
  cp -a "$ANCHORS/$n" "$W/ctx/"
  [ -x "$W/ctx/$n/gen-data.sh" ] && (cd "$W/ctx/$n" && ./gen-data.sh >/dev/null)
done

RES=$W/results.tsv; printf 'round\ttool\tdockerfile\tcold_s\twarm_s\n' > "$RES"
dfsim_pair() { # name -> "cold warm"
  local n=$1 s=$W/dfsim-store t0 t1 t2
  rm -rf "$s"; cp -a "$BASESTORE" "$s"            # cold: only the bases, an empty layer cache
  t0=$(now); "$DFSIM" build --store "$s" -t "localhost/${n,,}" "$W/ctx/$n" > "$W/dfsim-$n.cold.log" 2>&1; t1=$(now)
  "$DFSIM" build --store "$s" -t "localhost/${n,,}" "$W/ctx/$n" > "$W/dfsim-$n.warm.log" 2>&1; t2=$(now)
  grep -q executed "$W/dfsim-$n.warm.log" && { echo "dfsim warm $n executed a step" >&2; exit 1; }
  echo "$(echo "$t1 - $t0" | bc) $(echo "$t2 - $t1" | bc)"
}
buildah_pair() {
  local n=$1 tag=localhost/${1,,}:latest t0 t1 t2
  buildah rmi -f "$tag" >/dev/null 2>&1 || true; buildah rmi --prune >/dev/null 2>&1 || true
  t0=$(now); buildah bud --layers --isolation chroot -t "$tag" -f "$W/ctx/$n/Dockerfile" "$W/ctx/$n" > "$W/buildah-$n.cold.log" 2>&1; t1=$(now)
  buildah bud --layers --isolation chroot -t "$tag" -f "$W/ctx/$n/Dockerfile" "$W/ctx/$n" > "$W/buildah-$n.warm.log" 2>&1; t2=$(now)
  [ "$(grep -c 'Using cache' "$W/buildah-$n.cold.log")" = 0 ] || { echo "buildah cold $n hit its cache" >&2; exit 1; }
  echo "$(echo "$t1 - $t0" | bc) $(echo "$t2 - $t1" | bc)"
}
for r in $(seq 1 "$ROUNDS"); do
  for n in $NAMES; do
    # alternate which tool goes first so neither always gets the warmer page cache
    if [ $((r % 2)) = 1 ]; then order="dfsim buildah"; else order="buildah dfsim"; fi
    for tool in $order; do
      read -r cold warm < <(${tool}_pair "$n")
      printf '%s\t%s\t%s\t%.3f\t%.3f\n' "$r" "$tool" "$n" "$cold" "$warm" | tee -a "$RES"
    done
  done
done
python3 - "$RES" "$ROUNDS" <<'PY'
import csv, statistics, sys
rows = list(csv.DictReader(open(sys.argv[1]), delimiter='\t'))
names = list(dict.fromkeys(r['dockerfile'] for r in rows))
def med(tool, n, k):
    return statistics.median(float(r[k]) for r in rows if r['tool'] == tool and r['dockerfile'] == n)
print(f"\n{sys.argv[2]} round(s); wall seconds, median over rounds\n")
print("| Dockerfile | dfsim cold | buildah cold | cold ratio | dfsim warm | buildah warm | warm ratio |")
print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
for n in names:
    dc, bc, dw, bw = med('dfsim', n, 'cold_s'), med('buildah', n, 'cold_s'), med('dfsim', n, 'warm_s'), med('buildah', n, 'warm_s')
    print(f"| {n} | {dc:.2f} | {bc:.2f} | {dc/bc:.2f}x | {dw:.2f} | {bw:.2f} | {dw/bw:.2f}x |")
PY
