package io.diseq.devnet;

import java.util.concurrent.ThreadLocalRandom;

/** Devnet settings on a free port range, so tests never collide with a running devnet or each other. */
final class TestPorts {
    private TestPorts() {
    }

    static DevnetSettings freeSettings(String chainId) {
        for (int attempt = 0; attempt < 50; attempt++) {
            int base = 20_000 + 200 * ThreadLocalRandom.current().nextInt(150);
            DevnetSettings settings = new DevnetSettings(chainId, 4, base, base + 10, base + 2);
            if (settings.ports().taken().isEmpty()) {
                return settings;
            }
        }
        throw new IllegalStateException("no free port range for a devnet");
    }
}
