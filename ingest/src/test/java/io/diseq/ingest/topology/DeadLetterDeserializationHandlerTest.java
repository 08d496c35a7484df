package io.diseq.ingest.topology;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.diseq.schemas.IngestRejectCode;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** A flood of records with malformed keys: every one counted and dead-lettered, one log line, no stack trace. */
@Tag("unit")
class DeadLetterDeserializationHandlerTest {
    @Test
    void malformedKeysAreCountedAndLoggedOnceWithoutStackTrace() {
        CountingMetrics metrics = new CountingMetrics();
        DeadLetterDeserializationHandler handler = new DeadLetterDeserializationHandler();
        handler.configure(Map.of(DeadLetters.REJECTED_TOPIC, "c.messages.rejected", DeadLetters.RAW_TOPIC,
                "c.messages.raw", DeadLetters.METRICS, metrics));
        Logger logger = (Logger) LoggerFactory.getLogger(DeadLetterDeserializationHandler.class);
        ListAppender<ILoggingEvent> lines = new ListAppender<>();
        lines.start();
        logger.addAppender(lines);
        try {
            for (int i = 0; i < 100; i++) {
                ConsumerRecord<byte[], byte[]> record = new ConsumerRecord<>("c.messages.raw", 0, i, new byte[] {1, 2, 3},
                        new byte[] {4});
                DeserializationExceptionHandler.Response response = handler.handleError(null, record,
                        new SerializationException("key must be 32 bytes"));
                assertThat(response.deadLetterQueueRecords()).hasSize(1);
            }
        } finally {
            logger.detachAppender(lines);
        }
        assertThat(metrics.rejected).containsEntry(IngestRejectCode.MALFORMED_KEY, 100);
        assertThat(lines.list).hasSize(1);
        ILoggingEvent line = lines.list.get(0);
        assertThat(line.getThrowableProxy()).isNull();
        assertThat(line.getFormattedMessage()).contains("MALFORMED_KEY").contains("c.messages.raw-0@0")
                .contains("key 3 bytes").doesNotContain("\n");
    }
}
