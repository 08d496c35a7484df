package io.diseq.client;

import io.diseq.core.crypto.ValidatorKeys;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code keygen}: creates a validator key file (docs/protocol.md §3.3) readable by its owner only,
 * and prints the public identity line (§3.4) on stdout for the validator-set configuration.
 */
@Command(name = "keygen", mixinStandardHelpOptions = true, description = {"Create a validator key file (owner-only permissions) and print its"
        + " public identity line for the validator-set configuration."})
final class KeygenCommand implements Callable<Integer>, Verbose {
    @Option(names = {"-o", "--out"}, paramLabel = "PATH", required = true, description = "key file to create")
    Path out;

    @Option(names = "--force", description = "replace an existing key file (the old key is lost)")
    boolean force;

    @Option(names = {"-v", "--verbose"}, description = "show stack traces of errors")
    boolean verbose;

    private final PrintStream stdout;
    private final PrintStream err;

    KeygenCommand(PrintStream stdout, PrintStream err) {
        this.stdout = stdout;
        this.err = err;
    }

    @Override
    public boolean verbose() {
        return verbose;
    }

    @Override
    public Integer call() throws ClientException {
        if (Files.exists(out) && !force) {
            throw new ClientException(out + " already exists; refusing to overwrite a key (use --force to replace it)");
        }
        ValidatorKeys keys = ValidatorKeys.generate(new SecureRandom());
        write(keys.toKeyFile());
        stdout.println(keys.identity().format());
        err.println("wrote " + out + " (secret: keep it owner-only and backed up)");
        return Cli.EXIT_OK;
    }

    /** Writes to a sibling temporary file created owner-only, then renames it into place atomically. */
    private void write(String keyFile) throws ClientException {
        Path dir = out.toAbsolutePath().getParent();
        Path tmp = null;
        try {
            tmp = createOwnerOnly(dir);
            Files.writeString(tmp, keyFile, StandardCharsets.US_ASCII);
            Files.move(tmp, out, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new ClientException("cannot write key file " + out + ": " + e.getMessage(), e);
        } finally {
            deleteQuietly(tmp);
        }
    }

    private static Path createOwnerOnly(Path dir) throws IOException {
        if (dir == null || !Files.isDirectory(dir)) {
            throw new IOException("directory " + dir + " does not exist");
        }
        try {
            return Files.createTempFile(dir, ".keygen-", ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            return Files.createTempFile(dir, ".keygen-", ".tmp");
        } catch (FileAlreadyExistsException e) {
            throw new IOException("temporary file clash in " + dir, e);
        }
    }

    private static void deleteQuietly(Path tmp) {
        if (tmp == null) {
            return;
        }
        try {
            Files.deleteIfExists(tmp);
        } catch (IOException ignored) {
            // Best effort: the temporary file holds the key only if the rename failed, and the error says so.
        }
    }
}
