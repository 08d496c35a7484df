package io.diseq.ingest.topics;

import java.util.List;

/**
 * The Kafka topics differ from what the configuration requires. The message lists every problem
 * with what to change; ingest refuses to start rather than run against a wrong layout (for example
 * a compacted messages topic would lose messages, fewer partitions would break the id routing).
 */
public final class TopicMismatchException extends Exception {
    private static final long serialVersionUID = 1L;

    private final transient List<String> problems;

    public TopicMismatchException(List<String> problems) {
        super("Kafka topics do not match the configuration (fix the topics or the configuration, then restart):\n  - "
                + String.join("\n  - ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
