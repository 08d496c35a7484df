/**
 * Diseq ingest (docs/ingest.md): {@link io.diseq.ingest.IngestApplication} runs the Kafka Streams
 * topology of {@code io.diseq.ingest.topology} as a Dropwizard service.
 */
package io.diseq.ingest;
