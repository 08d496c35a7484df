package io.diseq.client;

import io.diseq.core.chain.BlockHeader;
import io.diseq.core.chain.ValidatorSet;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * What a command's verification trusts: a chain file ({@code --chain-file}, docs/protocol.md §7.19:
 * chain id, genesis time and validator set) or a validators file ({@code --validators}, §7.21: the
 * validator set only; the chain id then comes from {@code --chain}). Not both.
 */
final class TrustOptions {
    @Option(names = "--validators", paramLabel = "FILE",
            description = "the chain's validators, one '<id> diseq-validator-v1 <signing pk> <vrf pk>' line each,"
                + " in validator order")
    Path validatorsFile;

    @Option(names = "--chain-file", paramLabel = "FILE",
            description = "the chain file (chain.json: chain id, genesis time, validators); replaces --validators"
                + " and sets the chain id")
    Path chainFile;

    /** The trusted chain: its id, validator set and, from a chain file only, its genesis header. */
    record Trust(String chainId, ValidatorSet validators, Optional<BlockHeader> genesis) {}

    boolean given() {
        return validatorsFile != null || chainFile != null;
    }

    /**
     * @param chainId         the {@code --chain} value (or its default)
     * @param chainIdExplicit whether {@code --chain} was given on the command line
     * @throws ClientException if both files are given, a file is invalid, or the chain file names
     *                         another chain than an explicit {@code --chain}
     */
    Trust load(String chainId, boolean chainIdExplicit) throws ClientException {
        if (validatorsFile != null && chainFile != null) {
            throw new ClientException("give either --chain-file or --validators, not both", null, Cli.EXIT_USAGE);
        }
        if (chainFile == null) {
            return new Trust(chainId, ValidatorsFile.read(validatorsFile), Optional.empty());
        }
        ChainFile file = ChainFile.read(chainFile);
        if (chainIdExplicit && !file.chainId().equals(chainId)) {
            throw new ClientException("the chain file " + chainFile + " is for chain '" + file.chainId() + "', but --chain"
                    + " says '" + chainId + "': leave out --chain or use the other chain's file", null, Cli.EXIT_USAGE);
        }
        return new Trust(file.chainId(), file.validators(), Optional.of(file.genesis()));
    }
}
