package io.diseq.client;

import io.diseq.core.crypto.Keccak256;
import io.diseq.core.util.Hex;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code id}: prints the message id (keccak256 of the bytes, docs/protocol.md §20.2) of each message,
 * read exactly as {@code publish} reads them, so that the id of what was published can be given to
 * {@code receipt}. Offline; no Kafka or node needed.
 */
@Command(name = "id", mixinStandardHelpOptions = true,
        description = {"Print the message id (keccak256) of each message, one per line, offline.",
            "Messages come from the arguments or, when there are none, from standard input as publish reads them."})
final class IdCommand implements Callable<Integer>, Verbose {
    @Parameters(paramLabel = "MESSAGE", arity = "0..*", description = "messages, each taken as its UTF-8 bytes")
    List<String> messages = new ArrayList<>();

    @Option(names = "--binary", description = "standard input is 4-byte big-endian length-prefixed messages, not lines")
    boolean binary;

    @Option(names = {"-v", "--verbose"}, description = "show stack traces of errors")
    boolean verbose;

    private final InputStream stdin;
    private final PrintStream out;

    IdCommand(InputStream stdin, PrintStream out) {
        this.stdin = stdin;
        this.out = out;
    }

    @Override
    public boolean verbose() {
        return verbose;
    }

    @Override
    public Integer call() throws IOException, ClientException {
        MessageReader reader = !messages.isEmpty() ? new ArgumentMessageReader(messages)
                : binary ? new LengthPrefixedMessageReader(stdin) : new LineMessageReader(stdin);
        byte[] message;
        while ((message = reader.next()) != null) {
            out.println(Hex.encode(Keccak256.hash(message)));
        }
        out.flush();
        return Cli.EXIT_OK;
    }
}
