#!/usr/bin/env bash
# One command for the benchmark: builds the product jar if it is missing, compiles the bench
# (plain javac, no Maven module, so the product build is untouched) and runs it. Run from anywhere.
#
#   bash bench/run.sh                          the bench: start-up, fan-out, proxy efficiency, memory
#   bash bench/run.sh soak [seconds] [jvm opts] the bounded load/soak run (default 300 s), then exits
#   bash bench/run.sh replicas                 one vs two replicas, rate limits in memory vs shared
#                                              in PostgreSQL (BENCH_POSTGRES_URL; default the test server)
#
# BENCH_PRODUCT_JVM_OPTIONS="..." adds JVM options to every product start (what-if runs; printed).
# BENCH_BASELINE_REF=<git revision> is the build the efficiency runs compare this jar with, side by
# side (default: the last commit before issue 10 reshaped the core; "none" skips the comparison).
# Its jar is built once from `git archive` into bench/target/baseline/.
set -euo pipefail
cd "$(dirname "$0")/.."

if [[ ! -f target/quota-bot.jar ]]; then
  echo "Building target/quota-bot.jar ..." >&2
  mvn -B -q package -DskipTests
fi
# `bash bench/run.sh discord`: the bot's acknowledgement time instead (see bench/discord/run.sh).
if [[ "${1:-}" == discord ]]; then exec bash bench/discord/run.sh; fi

rm -rf bench/target/classes
mkdir -p bench/target/classes
javac --release 17 -d bench/target/classes bench/src/*.java
if [[ "${1:-}" == "replicas" ]]; then
  exec java -cp bench/target/classes Replicas target/quota-bot.jar
fi
if [[ "${1:-}" == "soak" ]]; then
  shift
  exec java -cp bench/target/classes Soak target/quota-bot.jar "$@"
fi

# b55a12e: main before issue 10 (two query runners, three HTTP stacks).
baseline_ref="${BENCH_BASELINE_REF:-b55a12e}"
baseline_jar=""
if [[ "$baseline_ref" != none ]]; then
  commit=$(git rev-parse --short "$baseline_ref^{commit}")
  baseline_jar="bench/target/baseline/quota-bot-$commit.jar"
  if [[ ! -f "$baseline_jar" ]]; then
    echo "Building the baseline jar from $commit ..." >&2
    rm -rf bench/target/baseline/src
    mkdir -p bench/target/baseline/src
    git archive "$commit" | tar -x -C bench/target/baseline/src
    (cd bench/target/baseline/src && mvn -B -q package -DskipTests)
    cp bench/target/baseline/src/target/quota-bot.jar "$baseline_jar"
    rm -rf bench/target/baseline/src
  fi
fi
exec java -cp bench/target/classes Bench target/quota-bot.jar $baseline_jar
