package io.diseq.schemas;

/**
 * Header names on {@code <chain>.messages.rejected} records (schemas/README.md, "Rejected record").
 * Every header value is UTF-8 text; numbers are decimal.
 */
public final class RejectHeaders {
    /** Format version of the rejected record, currently {@value #VERSION_1}. */
    public static final String VERSION = "diseq-reject-version";
    public static final String VERSION_1 = "1";
    /** An {@link IngestRejectCode} wire name. */
    public static final String CODE = "diseq-reject-code";
    /** Human-readable detail, at most {@value #DETAIL_MAX_CHARS} characters; not stable. */
    public static final String DETAIL = "diseq-reject-detail";
    public static final String SOURCE_TOPIC = "diseq-source-topic";
    public static final String SOURCE_PARTITION = "diseq-source-partition";
    public static final String SOURCE_OFFSET = "diseq-source-offset";

    public static final int DETAIL_MAX_CHARS = 1024;

    private RejectHeaders() {}
}
