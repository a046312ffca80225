#!/usr/bin/env bash
# Builds the OCI image as a tarball, without a Docker daemon: target/image/rigtrail-image.tar
# (load it with `docker load`, `podman load`, or push it with `crane push` / `skopeo copy`).
# Usage: deploy/image/build.sh [--no-package]   (--no-package: reuse target/quarkus-app)
set -euo pipefail
cd "$(dirname "$0")/../.."
if [ "${1:-}" != "--no-package" ]; then ./mvnw -q -B -ntp package -DskipTests; fi
deploy/image/rootfs.sh
./mvnw -q -B -ntp jib:buildTar
echo "image: target/image/rigtrail-image.tar ($(du -h target/image/rigtrail-image.tar | cut -f1)), id $(cat target/image/id)"
