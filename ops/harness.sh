#!/usr/bin/env sh
# The end-to-end load harness (docs/benchmarks.md, "End-to-end harness"): builds what it needs, then starts
# Kafka, PostgreSQL, ingest and N validators (each validator in its own JVM), drives an open-loop load from
# a separate producer process beside a raw-Kafka baseline, and writes docs/bench/harness-<time>.{md,json,png}.
#   ./ops/harness.sh --validators 4 --rates 1000,5000,15000 --duration 60s --size 100 --partitions 4
#   ./ops/harness.sh --ramp 1000:15000:2000 --duration 60s
#   ./ops/harness.sh --smoke                     about a minute: checks that a complete report comes out
#   ./ops/harness.sh --help
set -eu
cd "$(dirname "$0")/.."
# package, not install: the child class path then names this clone's module jars, not ~/.m2 snapshots
mvn -B -ntp -q -pl ops/harness -am package -DskipTests
exec java -Xmx1g -Djava.awt.headless=true \
  -Dharness.classes=ops/harness/target/classes -Dharness.classpathFile=ops/harness/target/harness.classpath \
  -cp "ops/harness/target/classes:$(cat ops/harness/target/harness.classpath)" io.diseq.harness.Harness "$@"
