package io.diseq.devnet;

import io.diseq.core.crypto.ValidatorKeys;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads back the files a {@link NetworkGenerator} wrote, for a devnet that resumes. */
final class ExistingNetwork {
    private ExistingNetwork() {
    }

    /**
     * The chain file; a devnet generated before chain files existed gets one now, from the public keys
     * of its node configuration (the chain itself is unchanged: the file only describes it).
     */
    private static Path chainFile(NetworkSpec spec, Path out) {
        Path file = out.resolve(GeneratedNetwork.CHAIN_FILE);
        if (Files.isRegularFile(file)) {
            return file;
        }
        List<ValidatorKeys> keys = new ArrayList<>();
        for (int i = 0; i < spec.validators(); i++) {
            try {
                keys.add(ValidatorKeys.parseKeyFile(Files.readString(out.resolve("keys").resolve(spec.validatorId(i)
                        + ".key"), StandardCharsets.UTF_8)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        try {
            Files.writeString(file, NetworkGenerator.chainFile(spec, keys).toJson(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        return file;
    }

    static GeneratedNetwork read(NetworkSpec spec, Path out) {
        List<GeneratedNetwork.ValidatorFiles> files = new ArrayList<>();
        for (int i = 0; i < spec.validators(); i++) {
            String id = spec.validatorId(i);
            Path key = out.resolve("keys").resolve(id + ".key");
            Path config = out.resolve("nodes").resolve(id + ".yml");
            if (!Files.isRegularFile(key) || !Files.isRegularFile(config)) {
                throw new IllegalStateException("the devnet in " + out.getParent() + " is incomplete: " + key + " or "
                        + config + " is missing (start over with --wipe)");
            }
            try {
                String identity = ValidatorKeys.parseKeyFile(Files.readString(key, StandardCharsets.UTF_8)).identity().format();
                files.add(new GeneratedNetwork.ValidatorFiles(i, id, key, config, identity));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return new GeneratedNetwork(spec, out, out.resolve("ingest.yml"), chainFile(spec, out), files);
    }
}
