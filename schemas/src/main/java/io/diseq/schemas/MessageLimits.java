package io.diseq.schemas;

/** Message size bounds of docs/protocol.md §"Roles and data flow": 1 byte to a configured maximum. */
public final class MessageLimits {
    public static final int MIN_MESSAGE_BYTES = 1;
    /** The default maximum, 64 KiB. */
    public static final int DEFAULT_MAX_MESSAGE_BYTES = 65_536;

    private MessageLimits() {}
}
