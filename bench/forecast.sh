#!/usr/bin/env bash
# The scenario-forecast benchmark of issue #7: 100,000 miners over 20 sites, 4 part kinds, 180 days,
# the 3 built-in scenarios x 1,000 replications, timed end to end (several runs after two warm-ups).
# Usage: bench/forecast.sh [runs=7] [replications=1000] [warm-up days=60] [failure-rate scale=1]
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -B test-compile dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test
java -Xmx4g -cp "target/classes:target/test-classes:$(cat target/bench-classpath.txt)" \
  app.rigtrail.bench.ForecastBenchmark "${1:-7}" "${2:-1000}" "${3:-60}" "${4:-1}"
