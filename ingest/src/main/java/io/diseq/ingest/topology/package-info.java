/**
 * The ingest Kafka Streams topology (docs/ingest.md, docs/protocol.md §20): validation, de-duplication
 * by message id with an explicit retention, and dead-lettering of everything that is not a message.
 * Nothing here knows Dropwizard; the service wiring is in {@code io.diseq.ingest.app}.
 */
package io.diseq.ingest.topology;
