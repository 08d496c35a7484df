package io.diseq.devnet;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import io.diseq.client.ChainFile;
import io.diseq.core.chain.Validator;
import io.diseq.core.chain.ValidatorSet;
import io.diseq.core.crypto.ValidatorKeys;
import io.diseq.core.util.Bytes;
import io.diseq.core.util.Hex;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes the keys and configurations of an N-validator network (docs/runbooks.md §Network
 * generator): {@code keys/<id>.key} (owner-only), {@code nodes/<id>.yml} (one node configuration per
 * validator, same validator set in each), {@code ingest.yml}, {@code chain.json} (the chain file of
 * docs/protocol.md §7.19: chain id, genesis time, validator set, genesis id) and {@code validators.txt}
 * (the public identity lines). The YAML follows the node's and ingest's configuration classes key for key;
 * {@code NetworkGeneratorTest} loads it through them. Existing key files are never overwritten: a
 * network's keys are its identity.
 */
public final class NetworkGenerator {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));

    private final NetworkSpec spec;
    private final SecureRandom random;

    public NetworkGenerator(NetworkSpec spec, SecureRandom random) {
        this.spec = spec;
        this.random = random;
    }

    /** Generates fresh keys and writes every file under {@code out}. */
    public GeneratedNetwork generate(Path out) {
        List<ValidatorKeys> keys = new ArrayList<>();
        for (int i = 0; i < spec.validators(); i++) {
            keys.add(ValidatorKeys.generate(random));
        }
        return write(out, keys);
    }

    /** Writes every file for the given keys (one per validator, in order). */
    public GeneratedNetwork write(Path out, List<ValidatorKeys> keys) {
        if (keys.size() != spec.validators()) {
            throw new IllegalArgumentException("expected " + spec.validators() + " key sets, got " + keys.size());
        }
        try {
            Path keyDir = createPrivateDirectory(out.resolve("keys"));
            Path nodeDir = Files.createDirectories(out.resolve("nodes"));
            List<Map<String, Object>> validatorSet = ConfigTemplates.validatorSet(spec, keys);
            List<GeneratedNetwork.ValidatorFiles> files = new ArrayList<>();
            StringBuilder identities = new StringBuilder();
            for (int i = 0; i < keys.size(); i++) {
                String id = spec.validatorId(i);
                Path keyFile = writeKeyFile(keyDir.resolve(id + ".key"), keys.get(i));
                String keyPath = spec.layout() == Layout.COMPOSE ? Layout.COMPOSE_KEY_FILE
                        : keyFile.toAbsolutePath().toString();
                Path config = writeYaml(nodeDir.resolve(id + ".yml"),
                        ConfigTemplates.node(spec, i, validatorSet, keyPath, out.toAbsolutePath()));
                String identity = keys.get(i).identity().format();
                files.add(new GeneratedNetwork.ValidatorFiles(i, id, keyFile, config, identity));
                identities.append(id).append(' ').append(identity).append(' ').append(spec.gossipUrl(i)).append('\n');
            }
            Path ingest = writeYaml(out.resolve("ingest.yml"), ConfigTemplates.ingest(spec, out.toAbsolutePath()));
            Files.writeString(out.resolve("validators.txt"), identities.toString(), StandardCharsets.UTF_8);
            Path chainFile = out.resolve(GeneratedNetwork.CHAIN_FILE);
            Files.writeString(chainFile, chainFile(spec, keys).toJson(), StandardCharsets.UTF_8);
            return new GeneratedNetwork(spec, out, ingest, chainFile, files);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the network to " + out + ": " + e.getMessage(), e);
        }
    }

    /** The chain file (docs/protocol.md §7.19) of the network: what every client and verifier trusts. */
    static ChainFile chainFile(NetworkSpec spec, List<ValidatorKeys> keys) {
        List<Validator> validators = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            validators.add(new Validator(spec.validatorId(i), Bytes.of(keys.get(i).signing().publicKey()),
                    Bytes.of(keys.get(i).vrfPublicKey()), spec.gossipUrl(i)));
        }
        return new ChainFile(spec.chainId(), spec.genesisTimeMs(), new ValidatorSet(validators));
    }

    /** Hex of a public key as the node's configuration expects it (64 lowercase hex characters). */
    static String hex(byte[] key) {
        return Hex.encode(key);
    }

    private static Path createPrivateDirectory(Path dir) throws IOException {
        Files.createDirectories(dir);
        setPermissions(dir, "rwx------");
        return dir;
    }

    private static Path writeKeyFile(Path file, ValidatorKeys keys) throws IOException {
        if (Files.exists(file)) {
            throw new FileAlreadyExistsException(file.toString(), null, "refusing to overwrite a validator key file");
        }
        Files.createFile(file);
        setPermissions(file, "rw-------");
        Files.writeString(file, keys.toKeyFile(), StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
        return file;
    }

    private static void setPermissions(Path path, String permissions) throws IOException {
        if (path.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(permissions));
        }
    }

    private static Path writeYaml(Path file, Map<String, Object> tree) throws IOException {
        String header = "# Generated by diseq-devnet (ops/devnet, docs/runbooks.md). Keys follow the configuration\n"
                + "# classes; see docs/operations-node.md and docs/ingest.md for each key.\n";
        Files.writeString(file, header + YAML.writeValueAsString(tree), StandardCharsets.UTF_8);
        return file;
    }
}
