package io.diseq.devnet;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Devnet settings on a free port range, so tests never collide with a running devnet or each other.
 * Ranges lie below Linux's ephemeral range (32768-60999 by default): a port checked free there can
 * be taken, before the devnet binds it, as the local port of an outgoing connection (the devnet's
 * own Kafka and PostgreSQL clients start meanwhile), which once failed CI with "Address already in use".
 */
final class TestPorts {
    private TestPorts() {
    }

    static DevnetSettings freeSettings(String chainId) {
        for (int attempt = 0; attempt < 50; attempt++) {
            int base = 20_000 + 200 * ThreadLocalRandom.current().nextInt(60); // highest range ends below 32,100
            DevnetSettings settings = new DevnetSettings(chainId, 4, base, base + 10, base + 2);
            if (settings.ports().taken().isEmpty()) {
                return settings;
            }
        }
        throw new IllegalStateException("no free port range for a devnet");
    }
}
