package io.diseq.client;

import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * The {@code diseq-client} command line (sequencer-node/client/README.md). Subcommands: {@code publish}
 * (optionally {@code --await} inclusion), {@code tail}, {@code receipt}, {@code id}, {@code keygen},
 * {@code identity}.
 * Exit codes: 0 success; 1 some messages failed (or were not included in time); 2 usage error; 3 a
 * problem the user can fix (broker or node unreachable, topic missing, input unreadable), printed as
 * one message; 4 an unexpected failure; 5 a block or receipt failed verification; 6 the node has not
 * sequenced the message. Stack traces only with {@code --verbose}.
 */
@Command(name = "diseq-client", mixinStandardHelpOptions = true, version = "diseq-client 0.1.0",
        description = "Publish messages to a Diseq chain, follow and verify its blocks, verify message receipts,"
            + " create validator keys.",
        commandListHeading = "%nCommands:%n",
        footer = {"", "Exit codes: 0 ok, 1 some messages failed, 2 usage error, 3 cannot proceed (see message),"
            + " 4 unexpected error, 5 verification failed, 6 message not found."})
public final class Cli implements Callable<Integer> {
    public static final int EXIT_OK = 0;
    public static final int EXIT_SOME_FAILED = 1;
    public static final int EXIT_USAGE = 2;
    public static final int EXIT_CANNOT_PROCEED = 3;
    public static final int EXIT_UNEXPECTED = 4;
    /** A block or receipt did not verify against the validator set (tail, receipt). */
    public static final int EXIT_VERIFICATION_FAILED = 5;
    /** The node has no receipt for that message id (not sequenced, or not yet). */
    public static final int EXIT_NOT_FOUND = 6;

    private final PrintStream err;

    private Cli(PrintStream err) {
        this.err = err;
    }

    public static void main(String[] args) {
        System.exit(run(args, System.in, System.out, System.err, System.console() != null));
    }

    /** Runs one command line with the given streams; returns the exit code. */
    public static int run(String[] args, InputStream stdin, PrintStream out, PrintStream err, boolean interactive) {
        CommandLine cli = new CommandLine(new Cli(err))
                .addSubcommand("publish", new PublishCommand(stdin, out, err, interactive))
                .addSubcommand("tail", new TailCommand(out, err))
                .addSubcommand("receipt", new ReceiptCommand(out))
                .addSubcommand("id", new IdCommand(stdin, out))
                .addSubcommand("keygen", new KeygenCommand(out, err))
                .addSubcommand("identity", new IdentityCommand(out));
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        cli.setExecutionExceptionHandler(new ErrorReporter(err));
        return cli.execute(args);
    }

    /** Without a subcommand: a usage error. */
    @Override
    public Integer call() {
        err.println("error: a command is required, e.g. publish (see --help)");
        return EXIT_USAGE;
    }

    /** Turns exceptions into one line on stderr (plus the stack trace with --verbose) and an exit code. */
    private record ErrorReporter(PrintStream err) implements IExecutionExceptionHandler {
        @Override
        public int handleExecutionException(Exception e, CommandLine cmd, ParseResult parsed) {
            boolean verbose = cmd.getCommand() instanceof Verbose v && v.verbose();
            int code;
            if (e instanceof ClientException c) {
                err.println("error: " + c.getMessage());
                code = c.exitCode();
            } else {
                err.println("error: unexpected " + e.getClass().getSimpleName() + ": " + e.getMessage()
                        + (verbose ? "" : " (run with --verbose for details)"));
                code = EXIT_UNEXPECTED;
            }
            if (verbose) {
                e.printStackTrace(err);
            }
            err.flush();
            return code;
        }
    }
}
