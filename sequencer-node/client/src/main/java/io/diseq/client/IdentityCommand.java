package io.diseq.client;

import io.diseq.core.crypto.KeyFileException;
import io.diseq.core.crypto.ValidatorKeys;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code identity}: checks a validator key file strictly and prints its public identity line. */
@Command(name = "identity", mixinStandardHelpOptions = true, description = "Check a validator key file and print its public identity line.")
final class IdentityCommand implements Callable<Integer>, Verbose {
    @Parameters(paramLabel = "KEY_FILE", description = "validator key file")
    Path file;

    @Option(names = {"-v", "--verbose"}, description = "show stack traces of errors")
    boolean verbose;

    private final PrintStream stdout;

    IdentityCommand(PrintStream stdout) {
        this.stdout = stdout;
    }

    @Override
    public boolean verbose() {
        return verbose;
    }

    @Override
    public Integer call() throws ClientException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.US_ASCII);
        } catch (NoSuchFileException e) {
            throw new ClientException("file not found: " + file, e);
        } catch (IOException e) {
            throw new ClientException("cannot read " + file + ": " + e.getMessage(), e);
        }
        try {
            stdout.println(ValidatorKeys.parseKeyFile(text).identity().format());
        } catch (KeyFileException e) {
            throw new ClientException(file + ": " + e.getMessage(), e);
        }
        return Cli.EXIT_OK;
    }
}
