package io.diseq.client;

import io.diseq.core.chain.StandardConsensusCrypto;
import io.diseq.core.chain.ValidatorSet;
import java.io.PrintStream;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code tail}: follows {@code <chain>.blocks} from a height and verifies every block against the
 * validator set before printing it (checks in {@link BlockChecker}); with a chain file, block 1 is
 * checked against the genesis block it defines. The first verification failure
 * stops it with exit code {@link Cli#EXIT_VERIFICATION_FAILED} and a message naming the height and
 * the reason.
 */
@Command(name = "tail", sortOptions = false, mixinStandardHelpOptions = true,
        description = {"Follow <chain>.blocks, verify each block (header hash, chain, validator set, VRF proposer,"
            + " quorum certificate, parent link) and print one line per block.",
            "Runs until interrupted unless --count or --until is given; exits with 5 on the first block that"
                + " fails verification."})
final class TailCommand implements Callable<Integer>, Verbose {
    @Mixin
    CommonOptions common;

    @Mixin
    TrustOptions trust;

    @Option(names = "--from", paramLabel = "HEIGHT|latest", defaultValue = "1",
            description = "first height to print, or 'latest' for the last published block (default: ${DEFAULT-VALUE})")
    String from;

    @Option(names = "--count", paramLabel = "N", description = "stop after printing N blocks")
    Long count;

    @Option(names = "--until", paramLabel = "HEIGHT", description = "stop after printing this height")
    Long until;

    @Option(names = "--json", description = "print each block as one JSON object per line")
    boolean json;

    @Spec
    CommandSpec spec;

    private final PrintStream out;
    private final PrintStream err;

    TailCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public boolean verbose() {
        return common.verbose;
    }

    @Override
    public Integer call() throws ClientException, InterruptedException {
        validateStops();
        if (!trust.given()) {
            throw new ParameterException(spec.commandLine(), "--chain-file FILE or --validators FILE is required");
        }
        TrustOptions.Trust chain = trust.load(common.chainId,
                spec.commandLine().getParseResult().hasMatchedOption("--chain"));
        common.chainId = chain.chainId();
        ValidatorSet validators = chain.validators();
        ClientConfig config = common.config();
        BlockChecker checker = new BlockChecker(config.chainId(), validators, StandardConsensusCrypto.verifier());
        BlockPrinter printer = new BlockPrinter(out, validators, json);
        try (BlockTopicReader reader = BlockTopicReader.open(config)) {
            long first = firstHeight(reader);
            if (first == 1 && chain.genesis().isPresent()) {
                checker.anchorAtGenesis(chain.genesis().get());
            }
            reader.seekToHeight(Math.max(1, first - 1));
            return follow(reader, checker, printer, first, chain.genesis().isPresent());
        }
    }

    private void validateStops() {
        if (count != null && count < 1) {
            throw new ParameterException(spec.commandLine(), "--count must be at least 1");
        }
        if (!from.equals("latest") && !from.matches("[0-9]{1,18}")) {
            throw new ParameterException(spec.commandLine(), "--from must be a height (1, 2, ...) or 'latest'");
        }
        if (!from.equals("latest") && Long.parseLong(from) < 1) {
            throw new ParameterException(spec.commandLine(), "--from must be at least 1 (genesis is not published)");
        }
        if (until != null && !from.equals("latest") && until < Long.parseLong(from)) {
            throw new ParameterException(spec.commandLine(), "--until must not be below --from");
        }
    }

    private long firstHeight(BlockTopicReader reader) throws ClientException {
        if (!from.equals("latest")) {
            return Long.parseLong(from);
        }
        return reader.last().map(BlockTopicReader.Entry::height).orElse(1L);
    }

    /** Verifies and prints blocks in topic order until a stop condition; throws on a failed block. */
    private int follow(BlockTopicReader reader, BlockChecker checker, BlockPrinter printer, long first,
                       boolean genesisKnown) throws ClientException {
        long printed = 0;
        boolean anchored = first == 1 && genesisKnown;
        while (true) {
            for (BlockTopicReader.Entry e : reader.poll()) {
                if (!anchored) {
                    anchored = true;
                    if (e.height() == first - 1) {
                        accept(checker.anchorAt(e.height(), e.record()));
                        note("block " + e.height() + " verified as the anchor (certificate and header;"
                                + " blocks before it are not checked)");
                        continue;
                    }
                    noteUnlinked(e.height(), first);
                }
                VerifiedBlock block = accept(checker.check(e.height(), e.record()));
                printer.print(block);
                printed++;
                if ((count != null && printed >= count) || (until != null && block.height() >= until)) {
                    return Cli.EXIT_OK;
                }
            }
        }
    }

    private void noteUnlinked(long height, long first) {
        if (height == 1) {
            note("block 1 is the first block on the topic; its parent is genesis, which is not published, so the"
                    + " parent link is checked from block 2 on");
        } else {
            note("block " + height + " is the first available block (wanted block " + Math.max(1, first - 1)
                    + "); it is accepted as the anchor: its certificate is verified, its parent link is not");
        }
    }

    private void note(String text) {
        out.flush();
        err.println("note: " + text);
        err.flush();
    }

    private VerifiedBlock accept(BlockChecker.Result result) throws ClientException {
        if (result instanceof BlockChecker.Result.Failed f) {
            out.flush();
            throw new ClientException("block " + f.height() + " failed verification: " + f.code() + ": " + f.reason(),
                    null, Cli.EXIT_VERIFICATION_FAILED);
        }
        return ((BlockChecker.Result.Verified) result).block();
    }
}
