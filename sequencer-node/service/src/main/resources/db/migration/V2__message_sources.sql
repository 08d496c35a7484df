-- Diseq node schema, version 2: where each sequenced message came from in <chain>.messages.
-- Catch-up serves (partition, offset) with every message so that a peer can verify that each one
-- lies inside its partition's range of the block (docs/protocol.md §7.16, §30.4). Written in the
-- same transaction as the block's messages.
CREATE TABLE message_sources (
    height       BIGINT  NOT NULL,
    idx          INTEGER NOT NULL,
    partition    INTEGER NOT NULL CHECK (partition >= 0),
    kafka_offset BIGINT  NOT NULL CHECK (kafka_offset >= 0),
    PRIMARY KEY (height, idx),
    FOREIGN KEY (height, idx) REFERENCES messages (height, idx)
);
