#!/usr/bin/env sh
# One command for a local Diseq network (docs/runbooks.md): builds what is needed, then starts Kafka,
# PostgreSQL, ingest and 4 validators in one process. Arguments go to the devnet, e.g.
#   ./ops/devnet.sh --load 200        built-in load generator, 200 messages/s
#   ./ops/devnet.sh --wipe            start a new chain in ./devnet-data
#   ./ops/devnet.sh --help
set -eu
cd "$(dirname "$0")/.."
mvn -B -ntp -q -pl ops/devnet,sequencer-node/client -am package -DskipTests
exec java -jar ops/devnet/target/devnet.jar "$@"
