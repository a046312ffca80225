#!/usr/bin/env bash
# Checks the image tarball the way a registry and a kubelet would see it: its config (user,
# entrypoint, ports, JVM sized from the container's memory), its layers (named by content, each
# one non-empty, total size), its file system (no shell, no setuid file, nothing writable but
# /tmp, the app's files readable by its user), and, as root, runs the image's own JRE from the
# unpacked layers in a chroot as the image's user. Prints the figures.
# Usage: deploy/image/check.sh [image.tar] [unpack dir]   (defaults under target/image)
set -euo pipefail
cd "$(dirname "$0")/../.."
TAR="${1:-target/image/rigtrail-image.tar}"
DIR="${2:-target/image/unpacked}"
[ -f "$TAR" ] || { echo "no image at $TAR: run deploy/image/build.sh" >&2; exit 1; }
rm -rf "$DIR" && mkdir -p "$DIR/oci" "$DIR/rootfs"
tar -xf "$TAR" -C "$DIR/oci"
fail() { echo "IMAGE CHECK FAILED: $*" >&2; exit 1; }

# config and layers, read with node (the build machines have it)
node - "$DIR/oci" >"$DIR/layers.txt" <<'JS' || fail "config"
const fs = require('fs'), path = require('path');
const dir = process.argv[2];
const blob = d => path.join(dir, 'blobs', ...d.split(':'));
const index = JSON.parse(fs.readFileSync(path.join(dir, 'index.json')));
const manifest = JSON.parse(fs.readFileSync(blob(index.manifests[0].digest)));
const config = JSON.parse(fs.readFileSync(blob(manifest.config.digest)));
const c = config.config, problems = [];
if (c.User !== '10001:10001') problems.push(`user is ${c.User}, not 10001:10001`);
const ep = c.Entrypoint || [];
if (ep[0] !== '/opt/java/bin/java') problems.push(`entrypoint starts with ${ep[0]}`);
if (!ep.includes('-XX:MaxRAMPercentage=40')) problems.push('the JVM is not sized from the container memory');
if (!ep.includes('/deployments/quarkus-run.jar')) problems.push('the entrypoint does not run quarkus-run.jar');
if (!c.ExposedPorts || !c.ExposedPorts['8080/tcp']) problems.push('port 8080 is not exposed');
if (config.os !== 'linux' || config.architecture !== 'amd64') problems.push(`platform ${config.os}/${config.architecture}`);
if (problems.length) { console.error(problems.join('\n')); process.exit(1); }
console.error(`user ${c.User}, workdir ${c.WorkingDir}, entrypoint: ${ep.join(' ')}`);
for (const l of manifest.layers) console.log(`${l.digest.split(':')[1]} ${l.size}`);
JS

total=0; n=0; withFiles=0
while read -r digest size; do
  n=$((n + 1)); total=$((total + size))
  tar --warning=no-unknown-keyword -tzf "$DIR/oci/blobs/sha256/$digest" >"$DIR/list.txt"
  first="$(grep -v '/$' "$DIR/list.txt" | sort | head -1 || true)"
  files="$(grep -vc '/$' "$DIR/list.txt" || true)"
  [ "$files" -gt 0 ] && withFiles=$((withFiles + 1))
  printf 'layer %d: %6.1f MB compressed, %5d files (e.g. %s)\n' "$n" "$(echo "$size / 1048576" | bc -l)" "$files" "$first"
  tar --warning=no-unknown-keyword -xzf "$DIR/oci/blobs/sha256/$digest" -C "$DIR/rootfs"
done <"$DIR/layers.txt"
[ "$withFiles" -ge 5 ] || fail "$withFiles layers with files; expected os, jre, libraries, quarkus, app"
printf 'image: %d layers, %.1f MB compressed, %s unpacked\n' "$n" "$(echo "$total / 1048576" | bc -l)" "$(du -sh "$DIR/rootfs" | cut -f1)"

R="$DIR/rootfs"
for f in bin/sh bin/bash usr/bin/sh bin/busybox usr/bin/apt-get; do [ ! -e "$R/$f" ] || fail "the image has /$f"; done
setuid="$(find "$R" -perm /6000 -type f | head -1)"; [ -z "$setuid" ] || fail "setuid or setgid file ${setuid#$R}"
writable="$(find "$R" -perm -o+w ! -type l ! -path "$R/tmp" | head -1)"; [ -z "$writable" ] || fail "world-writable ${writable#$R}"
[ -f "$R/deployments/quarkus-run.jar" ] || fail "no /deployments/quarkus-run.jar"
grep -q '^rigtrail:x:10001:10001:' "$R/etc/passwd" || fail "no user 10001 in /etc/passwd"
echo "file system: no shell, no setuid file, only /tmp writable, user rigtrail (10001)"

# as a container runtime would: its own mount and pid namespaces with /proc, the image's user
in_image() { unshare --fork --pid --mount --mount-proc="$R/proc" chroot --userspec=10001:10001 "$R" "$@"; }
if [ "$(id -u)" = 0 ]; then
  mkdir -p "$R/proc"
  in_image /opt/java/bin/java -version 2>&1 | head -1 | sed 's/^/image JRE runs as 10001: /'
  in_image /opt/java/bin/java -version >/dev/null 2>&1 || fail "the image's JRE does not run"
  mem="$(in_image /opt/java/bin/java -XX:MaxRAMPercentage=40 -XshowSettings:vm -version 2>&1 | grep -i 'Max. Heap' || true)"
  echo "JVM on this machine with the image's flags: $mem (40% of the container's memory limit in a pod)"
else
  echo "not root: the chroot run of the image's JRE is skipped"
fi
echo "image check passed"
