package io.diseq.ingest.topology;

import io.diseq.schemas.IngestRejectCode;
import io.diseq.schemas.MessageId;
import java.util.Objects;

/** The outcome of checking one raw record: a message with its id, or a rejection with a stable code. */
public sealed interface Verdict {

    record Accept(MessageId id) implements Verdict {
        public Accept {
            Objects.requireNonNull(id, "id");
        }
    }

    record Reject(IngestRejectCode code, String detail) implements Verdict {
        public Reject {
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(detail, "detail");
        }
    }
}
