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
        return new GeneratedNetwork(spec, out, out.resolve("ingest.yml"), files);
    }
}
