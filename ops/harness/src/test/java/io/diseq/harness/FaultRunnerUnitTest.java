package io.diseq.harness;

import static org.assertj.core.api.Assertions.assertThat;

import io.diseq.devnet.PortCheck;
import io.diseq.harness.FaultSchedule.Fault;
import io.diseq.harness.FaultSchedule.Kind;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The fault runner's pieces that need no cluster: the seeded schedule and the gossip proxies. */
@Tag("unit")
class FaultRunnerUnitTest {
    @Test
    void aScheduleReplaysFromItsSeedAndHoldsEveryKindInEachRound() {
        List<Kind> kinds = List.of(Kind.values());
        List<Fault> first = take(new FaultSchedule(42, kinds, 4, 1_000, 5_000), 3 * kinds.size());
        List<Fault> again = take(new FaultSchedule(42, kinds, 4, 1_000, 5_000), 3 * kinds.size());
        List<Fault> other = take(new FaultSchedule(43, kinds, 4, 1_000, 5_000), 3 * kinds.size());

        assertThat(again).isEqualTo(first);
        assertThat(other).isNotEqualTo(first);
        for (int round = 0; round < 3; round++) {
            Set<Kind> seen = EnumSet.noneOf(Kind.class);
            first.subList(round * kinds.size(), (round + 1) * kinds.size()).forEach(f -> seen.add(f.kind()));
            assertThat(seen).containsExactlyInAnyOrderElementsOf(kinds);
        }
        for (Fault f : first) {
            assertThat(f.delayMs()).isBetween(1_000L, 5_000L);
            switch (f.kind()) {
                case HALT -> assertThat(f.targets()).hasSize(2).doesNotHaveDuplicates();
                case INGEST_KILL, BROKER_RESTART -> assertThat(f.targets()).isEmpty();
                default -> assertThat(f.targets()).hasSize(1);
            }
            f.targets().forEach(t -> assertThat(t).isBetween(0, 3));
        }
    }

    @Test
    void aCutOffValidatorsLinksCarryNothingUntilHealed() throws Exception {
        int base = freePorts();
        try (ServerSocket echo = new ServerSocket(base + 50, 16, InetAddress.getLoopbackAddress());
             GossipProxies proxies = new GossipProxies(2, (from, to) -> base + 10 * from + to, v -> base + 50)) {
            Thread server = new Thread(() -> echo(echo));
            server.setDaemon(true);
            server.start();
            proxies.start();
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), base + 1)) {
                assertThat(roundTrip(s, 'a')).isEqualTo('a');
                proxies.cutOff(1);
                assertThat(roundTrip(s, 'b')).isEqualTo(-1);
            }
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), base + 10)) {
                assertThat(roundTrip(s, 'c')).isEqualTo(-1);
            }
            proxies.heal(1);
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), base + 10)) {
                assertThat(roundTrip(s, 'd')).isEqualTo('d');
            }
        }
    }

    private static List<Fault> take(FaultSchedule schedule, int n) {
        List<Fault> faults = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            faults.add(schedule.next());
        }
        return faults;
    }

    /** Writes one byte and reads one back; -1 when the link is closed (a cut link closes its connections). */
    private static int roundTrip(Socket s, char c) {
        try {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write(c);
            out.flush();
            return s.getInputStream().read();
        } catch (java.io.IOException e) {
            return -1;
        }
    }

    private static void echo(ServerSocket server) {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                Thread t = new Thread(() -> {
                    try (s; InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
                        int b;
                        while ((b = in.read()) >= 0) {
                            out.write(b);
                            out.flush();
                        }
                    } catch (java.io.IOException e) {
                        // the proxy closed it
                    }
                });
                t.setDaemon(true);
                t.start();
            } catch (java.io.IOException e) {
                return;
            }
        }
    }

    private static int freePorts() {
        for (int attempt = 0; attempt < 50; attempt++) {
            int base = 25_000 + 100 * ThreadLocalRandom.current().nextInt(60);
            if (PortCheck.free(base + 1) && PortCheck.free(base + 10) && PortCheck.free(base + 50)) {
                return base;
            }
        }
        throw new IllegalStateException("no free ports");
    }
}
