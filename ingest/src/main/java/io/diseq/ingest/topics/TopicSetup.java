package io.diseq.ingest.topics;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * Creates missing topics (when allowed) and verifies every topic against its {@link TopicRequirement}
 * (docs/ingest.md §Topics). Each admin call waits at most the given timeout.
 */
public final class TopicSetup {
    private static final long RETRY_BACKOFF_MS = 100;

    private final Admin admin;
    private final Duration timeout;

    public TopicSetup(Admin admin, Duration timeout) {
        this.admin = admin;
        this.timeout = timeout;
    }

    /**
     * @param create whether missing topics are created; if not, a missing topic is a mismatch
     * @throws TopicMismatchException if any topic differs from its requirement
     * @throws TimeoutException       if the brokers did not answer within the timeout
     */
    public void ensure(List<TopicRequirement> requirements, boolean create)
            throws TopicMismatchException, TimeoutException, InterruptedException, ExecutionException {
        Set<String> existing = admin.listTopics().names().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        List<String> problems = new ArrayList<>();
        List<TopicRequirement> missing = requirements.stream().filter(r -> !existing.contains(r.name())).toList();
        if (create) {
            createAll(missing);
        } else {
            missing.forEach(r -> problems.add(r.name() + ": does not exist (create it, or set createTopics: true)"));
        }
        List<TopicRequirement> present = create ? requirements
                : requirements.stream().filter(r -> existing.contains(r.name())).toList();
        if (!present.isEmpty()) {
            problems.addAll(verifyOnceVisible(present));
        }
        if (!problems.isEmpty()) {
            throw new TopicMismatchException(problems);
        }
    }

    private void createAll(List<TopicRequirement> missing) throws InterruptedException, ExecutionException, TimeoutException {
        for (TopicRequirement r : missing) {
            NewTopic topic = new NewTopic(r.name(), r.partitions(), r.replicationFactor()).configs(r.configs());
            try {
                admin.createTopics(List.of(topic)).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
            }
        }
    }

    /**
     * Verifies, retrying while a just-created topic is not yet visible to the broker answering
     * (metadata propagates asynchronously), until the timeout.
     */
    private List<String> verifyOnceVisible(List<TopicRequirement> requirements)
            throws InterruptedException, ExecutionException, TimeoutException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                return verify(requirements);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException) || System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(RETRY_BACKOFF_MS);
            }
        }
    }

    private List<String> verify(List<TopicRequirement> requirements)
            throws InterruptedException, ExecutionException, TimeoutException {
        List<String> names = requirements.stream().map(TopicRequirement::name).toList();
        Map<String, TopicDescription> descriptions = admin.describeTopics(names).allTopicNames()
                .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        List<ConfigResource> resources = names.stream()
                .map(n -> new ConfigResource(ConfigResource.Type.TOPIC, n)).toList();
        Map<ConfigResource, Config> configs = admin.describeConfigs(resources).all()
                .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        List<String> problems = new ArrayList<>();
        for (TopicRequirement r : requirements) {
            problems.addAll(layoutProblems(r, descriptions.get(r.name())));
            problems.addAll(configProblems(r, configs.get(new ConfigResource(ConfigResource.Type.TOPIC, r.name()))));
        }
        return problems;
    }

    static List<String> layoutProblems(TopicRequirement r, TopicDescription d) {
        List<String> problems = new ArrayList<>();
        int partitions = d.partitions().size();
        if (partitions != r.partitions()) {
            problems.add(r.name() + ": has " + partitions + " partitions, the configuration says " + r.partitions()
                    + " (partitions can be added with kafka-topics --alter but never removed; changing the count"
                    + " of <chain>.messages moves message ids to other partitions, so align the configuration)");
        }
        Set<Integer> factors = d.partitions().stream().map(p -> p.replicas().size()).collect(Collectors.toSet());
        if (!factors.equals(Set.of((int) r.replicationFactor()))) {
            problems.add(r.name() + ": replication factor is " + describe(factors) + ", the configuration says "
                    + r.replicationFactor() + " (reassign partitions with kafka-reassign-partitions)");
        }
        return problems;
    }

    static List<String> configProblems(TopicRequirement r, Config actual) {
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, String> wanted : r.configs().entrySet()) {
            ConfigEntry entry = actual.get(wanted.getKey());
            String value = entry == null ? null : entry.value();
            if (!wanted.getValue().equals(value)) {
                problems.add(r.name() + ": " + wanted.getKey() + " is " + value + ", the configuration says "
                        + wanted.getValue() + " (kafka-configs --alter --entity-type topics --entity-name "
                        + r.name() + " --add-config " + wanted.getKey() + "=" + wanted.getValue() + ")");
            }
        }
        return problems;
    }

    private static String describe(Collection<Integer> factors) {
        return factors.size() == 1 ? factors.iterator().next().toString() : "mixed " + factors;
    }
}
