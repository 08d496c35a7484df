package io.diseq.harness;

import io.diseq.devnet.KafkaBroker;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * The Kafka broker in a JVM of its own (the devnet's single-node KRaft {@link KafkaBroker}), so that
 * its CPU and memory are measured apart and a fault runner can kill or restart it alone.
 * Arguments: log directory, broker port, controller port. Prints {@code READY} once clients can
 * connect; {@code SIGTERM} shuts it down cleanly.
 */
public final class BrokerMain {
    private BrokerMain() {
    }

    public static void main(String[] args) throws Exception {
        KafkaBroker broker = KafkaBroker.start(Path.of(args[0]), Integer.parseInt(args[1]), Integer.parseInt(args[2]));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            broker.close();
            stopped.countDown();
        }, "broker-shutdown"));
        System.out.println("READY " + broker.bootstrapServers());
        System.out.flush();
        stopped.await();
    }
}
