package io.diseq.devnet;

import java.nio.file.Path;
import java.util.List;

/**
 * The files a {@link NetworkGenerator} wrote, and the spec they were written from.
 *
 * @param directory the output directory
 * @param ingestConfig the ingest service's configuration
 * @param chainFile the chain file ({@value #CHAIN_FILE}, docs/protocol.md §7.19) clients verify against
 * @param validators one entry per validator, in validator-set order
 */
public record GeneratedNetwork(NetworkSpec spec, Path directory, Path ingestConfig, Path chainFile,
                               List<ValidatorFiles> validators) {
    public static final String CHAIN_FILE = "chain.json";

    public GeneratedNetwork {
        validators = List.copyOf(validators);
    }

    /**
     * @param identity the public identity line ({@code diseq-validator-v1 <signing> <vrf>})
     */
    public record ValidatorFiles(int index, String id, Path keyFile, Path config, String identity) {
    }
}
