package io.diseq.client;

import io.diseq.core.chain.StandardConsensusCrypto;
import io.diseq.schemas.PublishSummary;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code publish}: sends messages to the chain's raw topic and prints a summary; exit code 0 if all
 * were acknowledged, 1 if any failed. With {@code --await} it then waits until each acknowledged
 * message is sequenced ({@link InclusionWaiter}); exit 1 also if some were not included in time.
 */
@Command(name = "publish", sortOptions = false, mixinStandardHelpOptions = true,
        description = {"Send messages to <chain>.messages.raw.",
            "Messages come from the arguments, from --file, or from standard input (when neither is given):"
                + " one per line (empty lines skipped), or with --binary each as a 4-byte big-endian length"
                + " and that many bytes."})
final class PublishCommand implements Callable<Integer>, Verbose {
    @Mixin
    CommonOptions common;

    @Parameters(paramLabel = "MESSAGE", arity = "0..*", description = "messages, each sent as its UTF-8 bytes")
    List<String> messages = new ArrayList<>();

    @Option(names = {"-f", "--file"}, paramLabel = "PATH", description = "read messages from this file ('-' = stdin)")
    String file;

    @Option(names = "--binary", description = "input is 4-byte big-endian length-prefixed messages, not lines")
    boolean binary;

    @Option(names = "--json", description = "print the summary as JSON (schema diseq.publish-summary/1)")
    boolean json;

    @Option(names = "--no-progress", description = "no progress display, even on a terminal")
    boolean noProgress;

    @Option(names = "--await", description = "after sending, wait until each message is sequenced (polls its receipt"
            + " on --node) and print its height and index")
    boolean await;

    @Option(names = "--await-timeout", paramLabel = "DURATION", defaultValue = "60s",
            converter = CommonOptions.DurationConverter.class,
            description = "how long --await waits for inclusion (default: ${DEFAULT-VALUE})")
    Duration awaitTimeout;

    @Mixin
    NodeOptions node;

    @Mixin
    TrustOptions trust;

    @Spec
    CommandSpec spec;

    private final InputStream stdin;
    private final PrintStream out;
    private final PrintStream err;
    private final boolean interactive;

    PublishCommand(InputStream stdin, PrintStream out, PrintStream err, boolean interactive) {
        this.stdin = stdin;
        this.out = out;
        this.err = err;
        this.interactive = interactive;
    }

    @Override
    public boolean verbose() {
        return common.verbose;
    }

    @Override
    public Integer call() throws ClientException, IOException, InterruptedException {
        if (!messages.isEmpty() && file != null) {
            throw new ParameterException(spec.commandLine(), "give messages as arguments or with --file, not both");
        }
        TrustOptions.Trust chain = null;
        if (trust.given()) {
            chain = trust.load(common.chainId, spec.commandLine().getParseResult().hasMatchedOption("--chain"));
            common.chainId = chain.chainId();
        }
        InclusionWaiter waiter = await ? waiter(chain) : null;
        Input input = openInput();
        Set<String> ids = Collections.synchronizedSet(new LinkedHashSet<>());
        int exit;
        try (InputStream ignored = input.stream()) {
            DiseqClient client = DiseqClient.connect(common.config());
            try (Publisher publisher = client.publisher()) {
                exit = publishAll(input, publisher, ids);
            }
        }
        if (waiter == null) {
            return exit;
        }
        List<String> missing = waiter.await(Set.copyOf(ids), awaitTimeout);
        if (!missing.isEmpty()) {
            err.println(missing.size() + " message(s) not included within " + awaitTimeout.toSeconds() + "s, e.g. "
                    + missing.get(0) + ": check that ingest and the validators are running (diseq-client receipt ID"
                    + " to look again)");
            return Cli.EXIT_SOME_FAILED;
        }
        return exit;
    }

    /** The --await poller; checks its options before anything is sent. {@code chain} null: nothing to verify with. */
    private InclusionWaiter waiter(TrustOptions.Trust chain) throws ClientException {
        NodeClient client = new NodeClient(node.nodeUri(), common.timeout);
        ReceiptVerifier verifier = chain == null ? null : new ReceiptVerifier(common.config().chainId(),
                chain.validators(), StandardConsensusCrypto.verifier());
        return new InclusionWaiter(client, verifier, out, json);
    }

    private int publishAll(Input input, Publisher publisher, Set<String> ids) throws IOException, ClientException {
        AtomicReference<String> firstError = new AtomicReference<>();
        Progress progress = new Progress(err, interactive && !noProgress, input.total(),
                input.total() > 0 && input.countsMessages() ? () -> publisher.sent() + publisher.failed()
                        : input.reader()::bytesRead);
        try {
            byte[] message;
            while ((message = input.reader().next()) != null) {
                publisher.publish(message).whenComplete((id, error) -> {
                    if (error != null) {
                        firstError.compareAndSet(null, error.getMessage());
                    } else if (await) {
                        ids.add(id.toHex());
                    }
                });
                progress.update(publisher.sent(), publisher.failed());
            }
        } finally {
            publisher.flush();
            progress.finish(publisher.sent(), publisher.failed());
            printSummary(publisher, firstError.get());
        }
        return publisher.failed() == 0 ? 0 : 1;
    }

    private void printSummary(Publisher publisher, String firstError) {
        PublishSummary summary = new PublishSummary(publisher.topic(), publisher.sent(), publisher.failed(), firstError);
        out.println(json ? summary.toJson()
                : "sent " + summary.sent() + ", failed " + summary.failed() + " to " + summary.topic());
        out.flush();
        if (firstError != null) {
            err.println("first failure: " + firstError);
        }
    }

    private Input openInput() throws ClientException, IOException {
        if (!messages.isEmpty()) {
            ArgumentMessageReader reader = new ArgumentMessageReader(messages);
            return new Input(reader, InputStream.nullInputStream(), reader.count(), true);
        }
        if (file == null || file.equals("-")) {
            return new Input(reader(stdin), stdin, -1, false);
        }
        Path path = Path.of(file);
        if (Files.isDirectory(path)) {
            throw new ClientException(file + " is a directory, not a file of messages");
        }
        try {
            InputStream stream = Files.newInputStream(path);
            return new Input(reader(stream), stream, Files.size(path), false);
        } catch (NoSuchFileException e) {
            throw new ClientException("file not found: " + file, e);
        } catch (IOException e) {
            throw new ClientException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private MessageReader reader(InputStream in) {
        return binary ? new LengthPrefixedMessageReader(in) : new LineMessageReader(in);
    }

    /**
     * @param total          message count or byte size to show progress against, -1 if unknown
     * @param countsMessages whether {@code total} counts messages (else input bytes)
     */
    private record Input(MessageReader reader, InputStream stream, long total, boolean countsMessages) {}
}
