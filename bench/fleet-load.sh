#!/usr/bin/env bash
# Measures how long 100,000 miners with all their components take to load (COPY) into a fresh
# PostgreSQL. Usage: bench/fleet-load.sh [miners] [sites] [runs]
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -B test-compile dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test
java -Xmx2g -cp "target/classes:target/test-classes:$(cat target/bench-classpath.txt)" \
  app.rigtrail.bench.FleetLoadBenchmark "${1:-100000}" "${2:-20}" "${3:-3}"
