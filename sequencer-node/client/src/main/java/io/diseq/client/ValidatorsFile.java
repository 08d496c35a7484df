package io.diseq.client;

import io.diseq.core.chain.Validator;
import io.diseq.core.chain.ValidatorSet;
import io.diseq.core.crypto.KeyFileException;
import io.diseq.core.crypto.ValidatorIdentity;
import io.diseq.core.util.Bytes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The validator set a verifier trusts, read from a text file (grammar: docs/protocol.md §7.21;
 * sequencer-node/client/README.md "Validators file"): UTF-8, lines ended by LF or CRLF, one validator
 * per line in validator-index order, {@code <id> diseq-validator-v1 <signing pk> <vrf pk> [<more>…]}:
 * the validator's id, then its identity line as {@code keygen} prints it (§3.4), then optionally more
 * words (the devnet's {@code validators.txt} appends the gossip URL; they are ignored). Words are
 * separated by spaces or tabs; leading and trailing spaces and tabs are ignored; blank lines and lines
 * whose first non-blank character is {@code #} are skipped. No other control character may appear
 * (a lone CR, a form feed, …). The id is required because the validator-set hash in every header
 * covers the ids (§7.1). The chain file (§7.19, {@link ChainFile}) carries the same set and more.
 */
public final class ValidatorsFile {
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    /** Spaces and tabs: the only blanks of the grammar (§7.21). */
    private static final Pattern BLANKS = Pattern.compile("[ \t]+");
    private static final Pattern CONTROL = Pattern.compile("[\\x00-\\x08\\x0a-\\x1f\\x7f]");

    private ValidatorsFile() {}

    /** @throws ClientException naming the file and line if the file is missing or a line is malformed */
    public static ValidatorSet read(Path file) throws ClientException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new ClientException("validators file not found: " + file, e);
        } catch (IOException e) {
            throw new ClientException("cannot read validators file " + file + ": " + e.getMessage(), e);
        }
        return parse(text, file.toString());
    }

    /** Parses the file's text; {@code name} is used in error messages. */
    public static ValidatorSet parse(String text, String name) throws ClientException {
        List<Validator> validators = new ArrayList<>();
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (CONTROL.matcher(lines[i]).find()) {
                throw new ClientException(name + " line " + (i + 1) + ": a control character (only spaces and tabs"
                        + " separate words; lines end with LF or CRLF)");
            }
            String line = BLANKS.matcher(lines[i]).replaceAll(" ").trim();
            if (!line.isEmpty() && !line.startsWith("#")) {
                validators.add(validator(line, name + " line " + (i + 1)));
            }
        }
        if (validators.isEmpty()) {
            throw new ClientException(name + " lists no validators: expected lines '<id> " + ValidatorIdentity.TAG
                    + " <signing pk> <vrf pk>'");
        }
        try {
            return new ValidatorSet(validators);
        } catch (IllegalArgumentException e) {
            throw new ClientException(name + ": " + e.getMessage(), e);
        }
    }

    private static Validator validator(String line, String where) throws ClientException {
        String[] parts = line.split(" ");
        if (parts.length >= 1 && parts[0].equals(ValidatorIdentity.TAG)) {
            throw new ClientException(where + ": the line starts with the identity; put the validator's id first"
                    + " ('<id> " + ValidatorIdentity.TAG + " ...'), as in the node's validator-set configuration,"
                    + " because block headers commit to the ids");
        }
        if (parts.length < 4 || !ID.matcher(parts[0]).matches()) {
            throw new ClientException(where + ": expected '<id> " + ValidatorIdentity.TAG + " <signing pk> <vrf pk>'");
        }
        try {
            ValidatorIdentity identity = ValidatorIdentity.parse(parts[1] + " " + parts[2] + " " + parts[3]);
            return new Validator(parts[0], Bytes.of(identity.signingPublicKey()), Bytes.of(identity.vrfPublicKey()), "");
        } catch (KeyFileException e) {
            throw new ClientException(where + ": " + e.getMessage(), e);
        }
    }
}
