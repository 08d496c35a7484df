#!/usr/bin/env sh
# The fault runner (docs/faults.md): builds what it needs, starts the harness's processes in the fault topology
# (every validator, ingest and the broker in its own JVM, one PostgreSQL server per validator, validator-to-
# validator gossip through loopback proxies), runs an open-loop load while a seeded fault schedule kills,
# freezes, cuts off and restarts them, then audits the run (exactly once, one block per height everywhere, no
# double signing, receipts) and writes docs/bench/faults-<time>.{md,json}. Exit 0: audit passed; 2: it failed.
#   ./ops/faults.sh --seed 42 --duration 10m
#   ./ops/faults.sh --faults KILL,FREEZE --duration 5m --rate 500
#   ./ops/faults.sh --smoke                   the CI schedule (about 3 minutes)
#   ./ops/faults.sh --help
set -eu
cd "$(dirname "$0")/.."
# package, not install: the child class path then names this clone's module jars, not ~/.m2 snapshots
mvn -B -ntp -q -pl ops/harness -am package -DskipTests
exec java -Xmx1g \
  -Dharness.classes=ops/harness/target/classes -Dharness.classpathFile=ops/harness/target/harness.classpath \
  -cp "ops/harness/target/classes:$(cat ops/harness/target/harness.classpath)" io.diseq.harness.Faults "$@"
