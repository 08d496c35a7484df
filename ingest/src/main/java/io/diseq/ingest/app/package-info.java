/**
 * The ingest service: a Dropwizard application that runs the topology as a {@code Managed} object,
 * with health checks and metrics (docs/ingest.md §Running).
 */
package io.diseq.ingest.app;
