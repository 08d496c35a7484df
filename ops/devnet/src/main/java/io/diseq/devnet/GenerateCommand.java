package io.diseq.devnet;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code devnet generate --validators 4 --out DIR --chain devnet [--layout local|compose]}: keys and
 * configurations of a network, see {@link NetworkGenerator}.
 */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = "Generate validator keys, node configs and an ingest config for an N-validator network.")
final class GenerateCommand implements Callable<Integer> {
    @Option(names = "--validators", defaultValue = "4", description = "number of validators, 4 to 16 (default ${DEFAULT-VALUE})")
    int validators;

    @Option(names = "--out", required = true, description = "output directory (must not hold key files yet)")
    Path out;

    @Option(names = "--chain", defaultValue = "devnet", description = "chain id and topic prefix (default ${DEFAULT-VALUE})")
    String chain;

    @Option(names = "--layout", defaultValue = "local",
            description = "local (one machine, localhost ports) or compose (docker-compose.yml services); default ${DEFAULT-VALUE}")
    String layout;

    @Option(names = "--kafka", defaultValue = "localhost:9092", description = "Kafka bootstrap servers (local layout)")
    String kafka;

    @Option(names = "--base-port", defaultValue = "8080",
            description = "first port (local layout): ingest base/base+1, validator i base+10(i+1) and the next")
    int basePort;

    @Option(names = "--postgres-port", defaultValue = "5433", description = "PostgreSQL port (local layout)")
    int postgresPort;

    @Option(names = "--genesis-time-ms", defaultValue = "1767225600000", description = "genesis timestamp, ms since epoch")
    long genesisTimeMs;

    @Option(names = "--partitions", defaultValue = "3", description = "partitions of the message topics")
    int partitions;

    @Override
    public Integer call() {
        Layout chosen = Layout.valueOf(layout.toUpperCase(java.util.Locale.ROOT));
        NetworkSpec spec = new NetworkSpec(chain, validators, chosen, genesisTimeMs, kafka, basePort, postgresPort,
                partitions);
        GeneratedNetwork network = new NetworkGenerator(spec, new SecureRandom()).generate(out);
        System.out.println("generated " + validators + " validators of chain " + chain + " (" + layout + ") in " + out);
        for (GeneratedNetwork.ValidatorFiles v : network.validators()) {
            System.out.println("  " + v.id() + "  " + v.config() + "  " + v.identity());
        }
        System.out.println("  ingest  " + network.ingestConfig());
        System.out.println("  chain   " + network.chainFile() + "  (the chain file clients verify against: --chain-file)");
        return 0;
    }
}
