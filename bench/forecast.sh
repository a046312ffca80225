#!/usr/bin/env bash
# The scenario-forecast benchmarks of issues #7 and #12 (figures printed, medians over several runs after
# two warm-ups; run it holding the build lock so that nothing else runs):
#   reference  100,000 miners over 20 sites, 4 part kinds, 180 days, the 3 built-in scenarios x 1,000
#              replications, from the warm-up
#   analytic   the analytic path (M_t/G/inf + Palm) for the same, after the benchmark's warm-up and after
#              ForecastService's 365 days, against the direct convolution it replaced (target < 10 ms)
#   live       the reference workload from a live state with 2% of the machines in the pipeline, items at
#              every stage (target <= 1.0 s; building the live state <= 300 ms)
#   textbook   the described textbook fleet: 100,000 miners, 3 hashboards, 4 fans, 1 PSU, 1 control
#              board each, 40% bench, 60% to one hub of 400 parallel servers held both ways, shock on
#              day 30, 180 days from the steady state (drawn, no warm-up simulated), 3 x 1,000
#              (target <= 1.2 s), with failures per second
#   textbook-warmup  the same, then after a 365-day warm-up simulated from an empty pipeline
#   orders     the reference workload as ForecastService runs it (Monte Carlo, then the machine orders against
#              the plan), without and with 50 open machine orders, alternating; prints the ratio (target <= 1.10)
# Usage: bench/forecast.sh [runs=7] [replications=1000] [warm-up days=60] [failure-rate scale=1]
#                          [sections=reference,analytic,live,textbook; also: orders]
# Figures and method: docs/scenarios.md, section Speed.
# FORECASTBENCH_JFR=file.jfr records a flight recording of the run; FORECASTBENCH_NO_BUILD=1 skips the build.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "${FORECASTBENCH_NO_BUILD:-0}" != 1 ] || [ ! -f target/bench-classpath.txt ]; then
  ./mvnw -q -B -ntp test-compile dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test
fi
JFR=()
if [ -n "${FORECASTBENCH_JFR:-}" ]; then
  JFR=("-XX:StartFlightRecording=filename=${FORECASTBENCH_JFR},settings=profile")
fi
java -Xmx4g ${JFR[@]+"${JFR[@]}"} -cp "target/classes:target/test-classes:$(cat target/bench-classpath.txt)" \
  app.rigtrail.bench.ForecastBenchmark "${1:-7}" "${2:-1000}" "${3:-60}" "${4:-1}" "${5:-reference,analytic,live,textbook}"
