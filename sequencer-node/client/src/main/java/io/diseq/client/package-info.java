/**
 * Diseq client library ({@link io.diseq.client.DiseqClient}, {@link io.diseq.client.Publisher}) and
 * command line ({@link io.diseq.client.Cli}); usage in sequencer-node/client/README.md.
 */
package io.diseq.client;
