package io.diseq.client;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;

/** Options every subcommand takes: where Kafka is, which chain, how long to wait, how much to say. */
public final class CommonOptions {
    @Option(names = {"-b", "--bootstrap-servers"}, paramLabel = "HOST:PORT[,...]",
            defaultValue = "${env:DISEQ_BOOTSTRAP_SERVERS:-localhost:9092}",
            description = "Kafka brokers (env DISEQ_BOOTSTRAP_SERVERS; default: ${DEFAULT-VALUE})")
    String bootstrapServers;

    @Option(names = {"-c", "--chain"}, paramLabel = "ID", defaultValue = "${env:DISEQ_CHAIN_ID:-devnet}",
            description = "chain id, the topic prefix (env DISEQ_CHAIN_ID; default: ${DEFAULT-VALUE})")
    String chainId;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "10s", converter = DurationConverter.class,
            description = "how long to wait for the brokers, e.g. 500ms, 10s, 2m (default: ${DEFAULT-VALUE})")
    Duration timeout;

    @Option(names = {"-X", "--kafka-property"}, paramLabel = "KEY=VALUE",
            description = "extra Kafka client setting, e.g. -X security.protocol=SSL (repeatable)")
    Map<String, String> kafkaProperties = new HashMap<>();

    @Option(names = {"-v", "--verbose"}, description = "show stack traces of errors")
    boolean verbose;

    ClientConfig config() throws ClientException {
        try {
            return new ClientConfig(bootstrapServers, chainId, timeout, kafkaProperties);
        } catch (IllegalArgumentException e) {
            throw new ClientException("invalid --chain: " + e.getMessage(), e);
        }
    }

    /** Parses {@code 250ms}, {@code 10s}, {@code 2m}, or a bare number of seconds. */
    static final class DurationConverter implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            String v = value.trim().toLowerCase(java.util.Locale.ROOT);
            Duration d;
            if (v.endsWith("ms")) {
                d = Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
            } else if (v.endsWith("s")) {
                d = Duration.ofSeconds(Long.parseLong(v.substring(0, v.length() - 1)));
            } else if (v.endsWith("m")) {
                d = Duration.ofMinutes(Long.parseLong(v.substring(0, v.length() - 1)));
            } else {
                d = Duration.ofSeconds(Long.parseLong(v));
            }
            if (d.isZero() || d.isNegative()) {
                throw new IllegalArgumentException("must be positive");
            }
            return d;
        }
    }
}
