package io.diseq.devnet;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;

/**
 * The shape of one devnet: chain, size and ports. Saved as {@code devnet.properties} in the data
 * directory on first start; a later start with the same directory reads it back, so that it resumes
 * the same chain on the same ports even if other flags are given.
 */
public record DevnetSettings(String chainId, int validators, int kafkaPort, int basePort, int postgresPort) {
    static final String FILE = "devnet.properties";

    public DevnetSettings {
        spec(chainId, validators, kafkaPort, basePort, postgresPort);
    }

    public static DevnetSettings defaults() {
        return new DevnetSettings("devnet", 4, 9092, 8080, 5433);
    }

    public int kafkaControllerPort() {
        return kafkaPort + 1;
    }

    public String kafkaBootstrap() {
        return "localhost:" + kafkaPort;
    }

    public NetworkSpec spec() {
        return spec(chainId, validators, kafkaPort, basePort, postgresPort);
    }

    private static NetworkSpec spec(String chainId, int validators, int kafkaPort, int basePort, int postgresPort) {
        return NetworkSpec.local(chainId, validators).withPorts("localhost:" + kafkaPort, basePort, postgresPort);
    }

    /** Every port the devnet listens on, named for the "port taken" message. */
    PortCheck ports() {
        NetworkSpec spec = spec();
        PortCheck check = new PortCheck()
                .require(kafkaPort, "Kafka, --kafka-port")
                .require(kafkaControllerPort(), "Kafka controller, --kafka-port + 1")
                .require(postgresPort, "PostgreSQL, --postgres-port")
                .require(spec.ingestHttpPort(), "ingest HTTP, --base-port")
                .require(spec.ingestAdminPort(), "ingest admin, --base-port + 1");
        for (int i = 0; i < validators; i++) {
            check.require(spec.httpPort(i), spec.validatorId(i) + " REST");
            check.require(spec.gossipPort(i), spec.validatorId(i) + " gossip");
            check.require(spec.adminPort(i), spec.validatorId(i) + " admin");
        }
        return check;
    }

    static Optional<DevnetSettings> load(Path dataDir) {
        Path file = dataDir.resolve(FILE);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return Optional.of(new DevnetSettings(p.getProperty("chainId"), Integer.parseInt(p.getProperty("validators")),
                Integer.parseInt(p.getProperty("kafkaPort")), Integer.parseInt(p.getProperty("basePort")),
                Integer.parseInt(p.getProperty("postgresPort"))));
    }

    void save(Path dataDir) {
        Properties p = new Properties();
        p.setProperty("chainId", chainId);
        p.setProperty("validators", String.valueOf(validators));
        p.setProperty("kafkaPort", String.valueOf(kafkaPort));
        p.setProperty("basePort", String.valueOf(basePort));
        p.setProperty("postgresPort", String.valueOf(postgresPort));
        try (Writer out = Files.newBufferedWriter(dataDir.resolve(FILE), StandardCharsets.UTF_8)) {
            p.store(out, "diseq devnet: the chain in this directory (delete the directory or use --wipe to start over)");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + dataDir.resolve(FILE), e);
        }
    }
}
