package io.diseq.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.diseq.core.chain.BlockHeader;
import io.diseq.core.chain.CommitSignature;
import io.diseq.core.chain.MessageReceipt;
import io.diseq.core.chain.StandardConsensusCrypto;
import io.diseq.core.chain.ValidatorSet;
import io.diseq.core.util.Hex;
import io.diseq.schemas.Topics;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code receipt <id>}: fetches a message receipt from a node and verifies it offline against the
 * chain file or validator set ({@link ReceiptVerifier}). Exit 0 only if it verifies;
 * {@link Cli#EXIT_VERIFICATION_FAILED} if it does not; {@link Cli#EXIT_NOT_FOUND} if the node has not
 * sequenced the id, after verifying the node's proof of that ({@link AbsenceVerifier}) when it sent one.
 */
@Command(name = "receipt", sortOptions = false, mixinStandardHelpOptions = true,
        description = {"Fetch a message's receipt from a node and verify it offline: quorum certificate, header,"
            + " messages proof and state proof; or verify the node's proof that the message is not sequenced.",
            "Exit 0 only if the receipt verifies; 5 if a receipt or proof does not; 6 if the message is not"
                + " sequenced (as of the height printed, when the node proved it)."})
final class ReceiptCommand implements Callable<Integer>, Verbose {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The {@code --json} output. {@code code}/{@code reason} are null when verified. */
    record ReceiptLine(String messageId, boolean verified, String chainId, Long height, Integer index, String blockId,
                       List<Integer> signers, String message, String code, String reason) {}

    /** The {@code --json} output for a message that is not sequenced: {@code sequenced} is always false. */
    record AbsenceLine(String messageId, boolean sequenced, boolean verified, String chainId, Long height,
                       String blockId, String code, String reason) {}

    @Parameters(paramLabel = "ID", description = "the message id: keccak256 of the message, 64 hex digits")
    String id;

    @Mixin
    NodeOptions node;

    @Mixin
    TrustOptions trust;

    @Option(names = {"-c", "--chain"}, paramLabel = "ID", defaultValue = "${env:DISEQ_CHAIN_ID:-devnet}",
            description = "chain id (env DISEQ_CHAIN_ID; default: ${DEFAULT-VALUE})")
    String chainId;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "10s",
            converter = CommonOptions.DurationConverter.class,
            description = "how long to wait for the node (default: ${DEFAULT-VALUE})")
    Duration timeout;

    @Option(names = "--json", description = "print the result as one JSON object")
    boolean json;

    @Option(names = {"-v", "--verbose"}, description = "show stack traces of errors")
    boolean verbose;

    @Spec
    CommandSpec spec;

    private final PrintStream out;

    ReceiptCommand(PrintStream out) {
        this.out = out;
    }

    @Override
    public boolean verbose() {
        return verbose;
    }

    @Override
    public Integer call() throws ClientException, InterruptedException {
        String messageId = normalizedId(id);
        if (messageId == null) {
            throw new ParameterException(spec.commandLine(), "ID must be 64 hex digits (a message id), got '" + id + "'");
        }
        if (!trust.given()) {
            throw new ParameterException(spec.commandLine(),
                    "--chain-file FILE or --validators FILE is required to verify the receipt");
        }
        checkChain();
        TrustOptions.Trust chain = trust.load(chainId, spec.commandLine().getParseResult().hasMatchedOption("--chain"));
        chainId = chain.chainId();
        NodeClient client = new NodeClient(node.nodeUri(), timeout);
        NodeClient.ReceiptResponse response = client.receipt(messageId);
        if (response instanceof NodeClient.ReceiptResponse.NotFound notFound) {
            return notSequenced(messageId, client, notFound, chain);
        }
        ReceiptVerifier verifier = new ReceiptVerifier(chainId, chain.validators(), StandardConsensusCrypto.verifier());
        ReceiptVerifier.Result result = verifier.verify(messageId, ((NodeClient.ReceiptResponse.Found) response).body());
        if (result instanceof ReceiptVerifier.Result.Failed f) {
            if (json) {
                print(new ReceiptLine(messageId, false, chainId, null, null, null, null, null, f.code(), f.reason()));
            }
            throw new ClientException("the receipt of message " + messageId + " from " + client.base()
                    + " does NOT verify: " + f.code() + ": " + f.reason(), null, Cli.EXIT_VERIFICATION_FAILED);
        }
        MessageReceipt receipt = ((ReceiptVerifier.Result.Verified) result).receipt();
        if (json) {
            print(line(receipt));
        } else {
            printText(receipt, chain.validators());
        }
        return Cli.EXIT_OK;
    }

    /**
     * A 404: with a proof of absence, verify it and say as of which height the message is not sequenced
     * (exit {@link Cli#EXIT_NOT_FOUND}); a proof that fails is {@link Cli#EXIT_VERIFICATION_FAILED}.
     */
    private int notSequenced(String messageId, NodeClient client, NodeClient.ReceiptResponse.NotFound notFound,
                             TrustOptions.Trust chain) throws ClientException {
        if (!notFound.hasProof()) {
            throw new ClientException("message " + messageId + " is not sequenced on the node at " + client.base()
                    + " (MESSAGE_NOT_FOUND, no proof sent): it may still be pending, check the id, or try another node",
                    null, Cli.EXIT_NOT_FOUND);
        }
        AbsenceVerifier verifier = new AbsenceVerifier(chainId, chain.validators(), StandardConsensusCrypto.verifier(),
                chain.genesis());
        AbsenceVerifier.Result result = verifier.verify(messageId, notFound.body());
        if (result instanceof AbsenceVerifier.Result.Failed f) {
            if (json) {
                print(new AbsenceLine(messageId, false, false, chainId, null, null, f.code(), f.reason()));
            }
            throw new ClientException("the node at " + client.base() + " says message " + messageId + " is not sequenced,"
                    + " but its proof does NOT verify: " + f.code() + ": " + f.reason(), null,
                    Cli.EXIT_VERIFICATION_FAILED);
        }
        BlockHeader h = ((AbsenceVerifier.Result.Verified) result).absence().header();
        if (json) {
            print(new AbsenceLine(messageId, false, true, chainId, h.height(), h.id().toHex(), null, null));
        } else {
            out.println("message " + messageId + " is not sequenced as of height " + h.height() + " (verified)");
            out.println("  block      " + h.id().toHex() + "  time " + Instant.ofEpochMilli(h.timestampMs())
                    + (h.height() == 0 ? "  (genesis: nothing is sequenced yet)" : ""));
            out.println("  a later block may still include it; ask again, or another node");
            out.flush();
        }
        return Cli.EXIT_NOT_FOUND;
    }

    private void checkChain() {
        try {
            Topics.forChain(chainId);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "invalid --chain: " + e.getMessage());
        }
    }

    /** Lowercase id without {@code 0x}, or null if it is not 32 bytes of hex. */
    static String normalizedId(String raw) {
        String s = raw.startsWith("0x") || raw.startsWith("0X") ? raw.substring(2) : raw;
        return s.matches("[0-9a-fA-F]{64}") ? s.toLowerCase(Locale.ROOT) : null;
    }

    private static ReceiptLine line(MessageReceipt r) {
        BlockHeader h = r.header();
        return new ReceiptLine(r.messageId().toHex(), true, h.chainId(), h.height(), r.index(), h.id().toHex(),
                signers(r), r.message().toHex(), null, null);
    }

    private static List<Integer> signers(MessageReceipt r) {
        return r.certificate().signatures().stream().map(CommitSignature::validatorIndex).toList();
    }

    private void printText(MessageReceipt r, ValidatorSet validators) {
        BlockHeader h = r.header();
        String signers = signers(r).stream().map(i -> validators.get(i).id()).collect(Collectors.joining(" "));
        out.println("verified: message " + r.messageId().toHex() + " is at height " + h.height() + ", index " + r.index()
                + " of " + h.messageCount());
        out.println("  block      " + h.id().toHex() + "  round " + h.round() + "  proposer " + h.proposerIndex()
                + " (" + validators.get(h.proposerIndex()).id() + ")  time " + Instant.ofEpochMilli(h.timestampMs()));
        out.println("  certified  by " + signers + " (" + r.certificate().signatures().size() + " of " + validators.size()
                + ", quorum " + validators.quorum() + ")");
        out.println("  proofs     messages proof " + r.messagesProof().size() + " node(s) under "
                + h.messagesRoot().toHex().substring(0, 12) + "…, state proof " + r.stateProof().size()
                + " node(s) under " + h.stateRoot().toHex().substring(0, 12) + "…");
        out.println("  message    " + r.message().length() + " bytes: " + preview(r.message().unsafeArray()));
        out.flush();
    }

    /** Printable ASCII shown as text (up to 80 characters), anything else as hex. */
    private static String preview(byte[] message) {
        boolean printable = true;
        for (byte b : message) {
            printable &= b >= 0x20 && b < 0x7f;
        }
        if (printable) {
            String s = new String(message, java.nio.charset.StandardCharsets.US_ASCII);
            return s.length() > 80 ? s.substring(0, 80) + "…" : s;
        }
        String hex = Hex.encode(message);
        return "0x" + (hex.length() > 80 ? hex.substring(0, 80) + "…" : hex);
    }

    private void print(Object line) {
        try {
            out.println(JSON.writeValueAsString(line));
            out.flush();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a receipt line always serializes", e);
        }
    }
}
