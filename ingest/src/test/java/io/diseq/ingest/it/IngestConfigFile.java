package io.diseq.ingest.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes an ingest.yml for a one-broker test cluster. */
final class IngestConfigFile {
    private IngestConfigFile() {}

    static Path write(Path dir, String chain, String bootstrap, Path stateDir, int adminPort) throws IOException {
        String yml = """
                chainId: %s
                kafka:
                  bootstrapServers: %s
                  stateDir: %s
                  adminTimeout: 20s
                  properties:
                    session.timeout.ms: "6000"
                    heartbeat.interval.ms: "1000"
                topics:
                  replicationFactor: 1
                  minInsyncReplicas: 1
                  raw: { partitions: 3, retentionMs: 86400000 }
                  messages: { partitions: 3, retentionMs: -1 }
                  rejected: { partitions: 1, retentionMs: 86400000 }
                server:
                  applicationConnectors: [ { type: http, port: 0, bindHost: 127.0.0.1 } ]
                  adminConnectors: [ { type: http, port: %d, bindHost: 127.0.0.1 } ]
                logging:
                  level: WARN
                """.formatted(chain, bootstrap, stateDir, adminPort);
        Path file = dir.resolve(chain + "-ingest.yml");
        Files.writeString(file, yml);
        return file;
    }
}
