#!/usr/bin/env bash
# Lays out the image's file system under target/image/rootfs, from what the build machine has:
#   /opt/java         a JRE cut with jlink from the build JDK (17) to the modules the app uses
#   /lib, /lib64      the C libraries that JRE links against (glibc, libstdc++, libgcc_s, zlib),
#                     copied from the build machine's Debian packages (ldd tells which)
#   /etc              passwd/group with the unprivileged user rigtrail (10001), nsswitch.conf
#   /tmp              writable (the manifests mount an emptyDir there and keep / read-only)
#   /deployments      target/quarkus-app as Quarkus packaged it
# No shell, no package manager, no setuid binaries. Run by deploy/image/build.sh.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
OUT="$ROOT/target/image/rootfs"
APP="$ROOT/target/quarkus-app"
[ -f "$APP/quarkus-run.jar" ] || { echo "no $APP/quarkus-run.jar: run ./mvnw package first" >&2; exit 1; }
JAVA_HOME="${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}"
JLINK="$JAVA_HOME/bin/jlink"
[ -x "$JLINK" ] || { echo "no jlink in $JAVA_HOME (a full JDK with jmods is needed)" >&2; exit 1; }
"$JAVA_HOME/bin/java" -version 2>&1 | grep -q '"17\.' || { echo "the image's JRE is cut from a JDK 17 ($JAVA_HOME is not)" >&2; exit 1; }

rm -rf "$OUT"
mkdir -p "$OUT/opt" "$OUT/etc" "$OUT/tmp" "$OUT/deployments"

# Modules: java.desktop for java.beans (Hibernate, Jackson); jdk.crypto.ec for TLS to the identity
# provider; jdk.management and jdk.jfr for the JVM metrics; jdk.naming.dns for DNS service names.
"$JLINK" --add-modules java.base,java.desktop,java.instrument,java.logging,java.management,java.naming,\
java.net.http,java.prefs,java.rmi,java.scripting,java.security.jgss,java.security.sasl,java.sql,\
java.transaction.xa,java.xml,jdk.crypto.ec,jdk.jfr,jdk.management,jdk.naming.dns,jdk.net,jdk.unsupported,jdk.zipfs \
  --strip-debug --no-man-pages --no-header-files --compress=2 --output "$OUT/opt/java"

# The C libraries the JRE's launcher, JVM and core natives need (not AWT's, which the app never loads).
libs() {
  for f in "$OUT/opt/java/bin/java" "$OUT/opt/java/lib/server/libjvm.so" "$OUT/opt/java"/lib/lib{java,jli,net,nio,zip,jimage,verify,management,management_ext,extnet,j2pkcs11,prefs,jaas,rmi}.so; do
    [ -e "$f" ] && ldd "$f"
  done | awk '/=>/ && $3 ~ /^\// {print $3} /^\t\/lib64\// {print $1}' | grep -v "^$OUT/" | sort -u
}
for lib in $(libs); do
  real="$(readlink -f "$lib")"
  mkdir -p "$OUT$(dirname "$lib")"
  cp "$real" "$OUT$lib"
done
for need in /lib64/ld-linux-x86-64.so.2 /lib/x86_64-linux-gnu/libc.so.6; do
  [ -f "$OUT$need" ] || { echo "expected $need among the libraries" >&2; exit 1; }
done

cat >"$OUT/etc/passwd" <<'P'
root:x:0:0:root:/nonexistent:/sbin/nologin
rigtrail:x:10001:10001:Rigtrail:/deployments:/sbin/nologin
P
cat >"$OUT/etc/group" <<'G'
root:x:0:
rigtrail:x:10001:
G
echo "hosts: files dns" >"$OUT/etc/nsswitch.conf"

cp -r "$APP/lib" "$APP/app" "$APP/quarkus" "$APP/quarkus-run.jar" "$APP/quarkus-app-dependencies.txt" "$OUT/deployments/" 2>/dev/null \
  || cp -r "$APP/lib" "$APP/app" "$APP/quarkus" "$APP/quarkus-run.jar" "$OUT/deployments/"
chmod -R a+rX "$OUT"
echo "rootfs: $(du -sh "$OUT" | cut -f1) (JRE $(du -sh "$OUT/opt/java" | cut -f1), libraries $(du -shc "$OUT"/lib* | tail -1 | cut -f1), app $(du -sh "$OUT/deployments" | cut -f1))"
