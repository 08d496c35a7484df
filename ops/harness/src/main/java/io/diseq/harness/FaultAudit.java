package io.diseq.harness;

import com.fasterxml.jackson.databind.JsonNode;
import io.diseq.client.ChainFile;
import io.diseq.client.ReceiptVerifier;
import io.diseq.core.chain.StandardConsensusCrypto;
import io.diseq.core.crypto.Keccak256;
import io.diseq.core.util.Hex;
import io.diseq.devnet.GeneratedNetwork;
import io.diseq.harness.FaultResults.Check;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The audit after a fault run (docs/faults.md §Audit). It reads every block of every validator from its
 * REST API ({@code /v1/blocks/{h}}) and every record of {@code <chain>.blocks}, and checks:
 * <ol>
 *   <li>every validator holds heights 1..its tip and, at every height, the same block id as every other;</li>
 *   <li>{@code <chain>.blocks} holds exactly one record per height, 1, 2, 3... in offset order, key equal to
 *       the height, each record's block id the validators' block id at that height;</li>
 *   <li>every message the producer had acknowledged is sequenced exactly once (its id, keccak256 of the
 *       payload the producer sent, appears in exactly one block) and no id appears twice;</li>
 *   <li>no validator signed two different values for one (height, round, step): no validator saw
 *       equivocation evidence ({@code consensus.evidence} of the running process and the
 *       {@code equivocation evidence} lines of every log since the start, restarts included; every vote
 *       reaches every honest validator, which records a second, different one as evidence);</li>
 *   <li>sampled receipts, fetched from the validators in turn, verify offline with the client library's
 *       {@link ReceiptVerifier} against the chain file.</li>
 * </ol>
 */
final class FaultAudit {
    private static final int SHOWN = 5;

    private final Cluster cluster;
    private final BlockLog blocks;
    private final FaultSettings settings;
    private final String tag;
    private final long attempted;
    private final Set<Long> failed;

    FaultAudit(Cluster cluster, BlockLog blocks, FaultSettings settings, String tag, long attempted, List<Long> failed) {
        this.cluster = cluster;
        this.blocks = blocks;
        this.settings = settings;
        this.tag = tag;
        this.attempted = attempted;
        this.failed = new HashSet<>(failed);
    }

    /** Waits until the published blocks hold at least every acknowledged message and every validator is at one height. */
    void awaitDrained(long timeoutMs) throws InterruptedException {
        long acked = attempted - failed.size();
        long deadline = System.currentTimeMillis() + timeoutMs;
        while (System.currentTimeMillis() < deadline) {
            long published = blocks.entries().stream().mapToLong(BlockLog.Entry::messages).sum();
            if (published >= acked && sameTips()) {
                return;
            }
            Thread.sleep(200);
        }
    }

    private boolean sameTips() {
        long first = statusHeight(cluster, 0);
        for (int i = 1; i < cluster.validators().size(); i++) {
            if (statusHeight(cluster, i) != first) {
                return false;
            }
        }
        return first > 0 && blocks.height() >= first;
    }

    FaultResults.Audit run(List<FaultResults.FaultOutcome> faults) throws Exception {
        int n = cluster.validators().size();
        List<Check> checks = new ArrayList<>();
        List<String> unrecovered = faults.stream().filter(f -> f.healthyMs() == null
                || f.notes().stream().anyMatch(x -> x.startsWith("ERROR")) || Boolean.FALSE.equals(f.halted()))
                .map(f -> f.index() + " " + f.kind() + " " + f.notes()).toList();
        checks.add(new Check("every fault applied, f+1 down halted the chain, every validator back at the tip after each",
                unrecovered.isEmpty(), faults.size() + " faults " + unrecovered.stream().limit(SHOWN).toList()));
        Map<String, Long> tips = new LinkedHashMap<>();
        List<Map<Long, JsonNode>> chains = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            long tip = statusHeight(cluster, i);
            tips.put("v" + i, tip);
            chains.add(readBlocks(i, tip));
        }
        checks.add(sameBlocks(chains, tips));
        // the reference chain: the validator with the highest tip (the check above holds every other to its prefix)
        int reference = 0;
        for (int i = 1; i < n; i++) {
            if (tips.get("v" + i) > tips.get("v" + reference)) {
                reference = i;
            }
        }
        long top = tips.get("v" + reference);
        checks.add(publishedRecords(chains.get(reference), "v" + reference));
        Map<String, Integer> counts = new HashMap<>();
        long sequenced = 0;
        for (JsonNode block : chains.get(reference).values()) {
            for (JsonNode id : block.path("messageIds")) {
                counts.merge(id.asText(), 1, Integer::sum);
                sequenced++;
            }
        }
        long missing = 0;
        List<String> missingShown = new ArrayList<>();
        List<String> ackedIds = new ArrayList<>();
        for (long m = 0; m < attempted; m++) {
            if (failed.contains(m)) {
                continue;
            }
            String id = id(m);
            ackedIds.add(id);
            if (!counts.containsKey(id)) {
                missing++;
                if (missingShown.size() < SHOWN) {
                    missingShown.add("#" + m + " " + id);
                }
            }
        }
        List<String> duplicatedShown = new ArrayList<>();
        long duplicated = 0;
        for (Map.Entry<String, Integer> e : counts.entrySet()) {
            if (e.getValue() > 1) {
                duplicated++;
                if (duplicatedShown.size() < SHOWN) {
                    duplicatedShown.add(e.getKey() + " x" + e.getValue());
                }
            }
        }
        checks.add(new Check("every acknowledged message sequenced exactly once", missing == 0 && duplicated == 0,
                ackedIds.size() + " acknowledged, " + sequenced + " ids in blocks (" + counts.size() + " distinct), "
                        + missing + " missing " + missingShown + ", " + duplicated + " sequenced more than once "
                        + duplicatedShown));
        long evidence = 0;
        long signRefused = 0;
        List<String> evidenceShown = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            long metric = counter(cluster, i, "consensus.evidence");
            List<String> lines = logLines(i, "equivocation evidence");
            evidence += Math.max(Math.max(metric, 0), lines.size());
            signRefused += logLines(i, "double-sign guard refused").size();
            String who = "v" + i + ": ";
            lines.stream().limit(SHOWN).forEach(l -> evidenceShown.add(who + l));
            if (metric < 0) {
                evidenceShown.add("v" + i + ": /metrics did not answer");
            }
        }
        checks.add(new Check("no validator signed two values for one (height, round, step)", evidence == 0
                && !evidenceShown.stream().anyMatch(s -> s.endsWith("did not answer")),
                evidence + " evidence records; the double-sign guard refused " + signRefused + " signatures "
                        + evidenceShown));
        List<Integer> atTip = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (tips.get("v" + i) == top) {
                atTip.add(i);
            }
        }
        long[] receipts = receipts(ackedIds, atTip);
        checks.add(new Check("sampled receipts verify offline", receipts[1] == 0 && receipts[0] > 0,
                receipts[0] + " verified, " + receipts[1] + " failed of " + Math.min(settings.receiptSamples(),
                        ackedIds.size()) + " sampled, from the validators at the tip " + atTip));
        boolean passed = checks.stream().allMatch(Check::passed);
        return new FaultResults.Audit(passed, checks, tips, blocks.entries().size(), ackedIds.size(), sequenced, missing,
                duplicated, evidence, signRefused, receipts[0], receipts[1]);
    }

    /** The message id of the producer's message number m: keccak256 of exactly the bytes it sent. */
    private String id(long m) {
        return Hex.encode(Keccak256.hash(LoadProducer.payload(tag, m, settings.harness().messageBytes())));
    }

    private Map<Long, JsonNode> readBlocks(int validator, long tip) throws IOException {
        Map<Long, JsonNode> chain = new LinkedHashMap<>();
        for (long h = 1; h <= tip; h++) {
            String body = cluster.get(cluster.rest(validator).resolve("/v1/blocks/" + h));
            if (body != null) {
                chain.put(h, ChildReport.JSON.readTree(body));
            }
        }
        return chain;
    }

    private Check sameBlocks(List<Map<Long, JsonNode>> chains, Map<String, Long> tips) {
        List<String> problems = new ArrayList<>();
        long max = tips.values().stream().mapToLong(Long::longValue).max().orElse(0);
        long compared = 0;
        for (long h = 1; h <= max; h++) {
            String id = null;
            for (int i = 0; i < chains.size(); i++) {
                JsonNode b = chains.get(i).get(h);
                if (b == null) {
                    if (h <= tips.get("v" + i)) {
                        problems.add("v" + i + " has no block " + h + " below its tip " + tips.get("v" + i));
                    }
                    continue;
                }
                String mine = b.path("id").asText();
                if (id == null) {
                    id = mine;
                } else if (!id.equals(mine)) {
                    problems.add("height " + h + ": v" + i + " holds " + mine + ", another validator " + id);
                }
            }
            compared++;
        }
        if (tips.values().stream().anyMatch(t -> t <= 0)) {
            problems.add("a validator did not answer /v1/status: " + tips);
        }
        return new Check("same block id at every height on every validator", problems.isEmpty(),
                compared + " heights compared, tips " + tips + " " + problems.stream().limit(SHOWN).toList());
    }

    private Check publishedRecords(Map<Long, JsonNode> chain, String reference) {
        List<String> problems = new ArrayList<>();
        List<BlockLog.Entry> entries = blocks.entries();
        for (int k = 0; k < entries.size(); k++) {
            BlockLog.Entry e = entries.get(k);
            long expected = k + 1;
            if (e.height() != expected || e.keyHeight() != expected) {
                problems.add("record " + k + " (offset " + e.offset() + ") has height " + e.height() + ", key "
                        + e.keyHeight() + ", expected " + expected);
            }
            JsonNode block = chain.get(e.height());
            if (block != null && !block.path("id").asText().equals(e.blockId())) {
                problems.add("height " + e.height() + ": record " + e.blockId() + ", validators "
                        + block.path("id").asText());
            } else if (block == null && e.height() > 0) {
                problems.add("height " + e.height() + " is published but " + reference + " (highest tip) does not hold it");
            }
        }
        long tip = chain.keySet().stream().mapToLong(Long::longValue).max().orElse(0);
        if (entries.size() < tip) {
            problems.add(entries.size() + " records for " + tip + " heights");
        }
        return new Check("<chain>.blocks: exactly one record per height, in order, equal to the validators' blocks",
                problems.isEmpty(), entries.size() + " records " + problems.stream().limit(SHOWN).toList());
    }

    /** Receipts from the validators at the tip, in turn (a validator behind answers a proof of absence for later ids). */
    private long[] receipts(List<String> ackedIds, List<Integer> validators) throws IOException {
        ChainFile chain;
        try {
            chain = ChainFile.read(settings.harness().workDir().resolve("network").resolve(GeneratedNetwork.CHAIN_FILE));
        } catch (io.diseq.client.ClientException e) {
            throw new IOException("cannot read the chain file: " + e.getMessage(), e);
        }
        ReceiptVerifier verifier = new ReceiptVerifier(chain.chainId(), chain.validators(),
                StandardConsensusCrypto.verifier());
        Random random = new Random(settings.seed());
        long ok = 0;
        long bad = 0;
        int samples = Math.min(settings.receiptSamples(), ackedIds.size());
        for (int k = 0; k < samples; k++) {
            String id = ackedIds.get(random.nextInt(ackedIds.size()));
            int validator = validators.get(k % validators.size());
            String body = cluster.get(cluster.rest(validator).resolve("/v1/messages/" + id + "/receipt"));
            if (body != null && verifier.verify(id, ChildReport.JSON.readTree(body))
                    instanceof ReceiptVerifier.Result.Verified) {
                ok++;
            } else {
                bad++;
            }
        }
        return new long[] {ok, bad};
    }

    private List<String> logLines(int validator, String text) {
        Path log = settings.harness().workDir().resolve("network").resolve("logs").resolve("v" + validator + ".log");
        if (!Files.exists(log)) {
            return List.of();
        }
        try (Stream<String> lines = Files.lines(log, StandardCharsets.UTF_8)) {
            return lines.filter(l -> l.contains(text)).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Validator i's {@code /v1/status} height; -1 when it does not answer. */
    static long statusHeight(Cluster cluster, int i) {
        String body = cluster.get(cluster.rest(i).resolve("/v1/status"));
        if (body == null) {
            return -1;
        }
        try {
            return ChildReport.JSON.readTree(body).path("height").asLong(-1);
        } catch (IOException e) {
            return -1;
        }
    }

    /** A gauge of validator i's admin {@code /metrics}; -1 when it does not answer. */
    static long gauge(Cluster cluster, int i, String name) {
        String body = cluster.get(cluster.admin(i).resolve("/metrics"));
        if (body == null) {
            return -1;
        }
        try {
            return ChildReport.JSON.readTree(body).path("gauges").path(name).path("value").asLong(-1);
        } catch (IOException e) {
            return -1;
        }
    }

    /** A counter of validator i's admin {@code /metrics}; -1 when it does not answer. */
    static long counter(Cluster cluster, int i, String name) {
        String body = cluster.get(cluster.admin(i).resolve("/metrics"));
        if (body == null) {
            return -1;
        }
        try {
            return ChildReport.JSON.readTree(body).path("counters").path(name).path("count").asLong(0);
        } catch (IOException e) {
            return -1;
        }
    }
}
