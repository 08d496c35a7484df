package io.diseq.node.consensus;

import io.diseq.core.chain.StandardConsensusCrypto;
import io.diseq.core.runtime.Recording;
import io.diseq.node.config.NodeConfiguration;
import io.diseq.node.config.NodeSettings;
import io.diseq.node.config.SelfKeys;
import io.dropwizard.core.cli.ConfiguredCommand;
import io.dropwizard.core.setup.Bootstrap;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;

/**
 * {@code diseq-node replay <config.yml> <recording>} (docs/operations-node.md, "Record and replay"): feeds a
 * recording made with {@code consensus.recordTo} through a fresh runtime built with the node's chain and key,
 * and checks that every step gives the recorded outputs. Touches no database, broker or peer.
 */
public final class ReplayCommand extends ConfiguredCommand<NodeConfiguration> {
    public ReplayCommand() {
        super("replay", "Replay a recording of this node's consensus inputs and compare the outputs");
    }

    @Override
    public void configure(Subparser subparser) {
        super.configure(subparser);
        subparser.addArgument("recording").help("the file written under consensus.recordTo");
    }

    @Override
    protected void run(Bootstrap<NodeConfiguration> bootstrap, Namespace namespace, NodeConfiguration config)
            throws Exception {
        NodeSettings settings = NodeSettings.from(config);
        SelfKeys self = SelfKeys.load(settings.keyFile(), settings.chain());
        List<byte[]> frames = read(Path.of(namespace.getString("recording")));
        Recording.Result r = Recording.replay(settings.chain(), StandardConsensusCrypto.of(self.keys()),
                frames.iterator());
        if (!r.identical()) {
            throw new IllegalStateException("replay differs after " + r.steps() + " identical steps: " + r.detail());
        }
        System.out.println("replayed " + r.steps() + " steps: outputs identical to the recording");
    }

    /** The frames of a recording; a truncated last frame (the node was killed while writing) is dropped. */
    static List<byte[]> read(Path file) throws IOException {
        List<byte[]> frames = new ArrayList<>();
        try (InputStream in = Files.newInputStream(file); DataInputStream data = new DataInputStream(in)) {
            byte[] magic = data.readNBytes(InputRecorder.MAGIC.length);
            if (!Arrays.equals(magic, InputRecorder.MAGIC)) {
                throw new IOException(file + " is not a Diseq recording");
            }
            while (true) {
                int length;
                try {
                    length = data.readInt();
                } catch (EOFException e) {
                    break;
                }
                byte[] frame = data.readNBytes(length);
                if (frame.length < length) {
                    break;
                }
                frames.add(frame);
            }
        }
        if (frames.isEmpty()) {
            throw new IOException(file + " holds no start frame");
        }
        return frames;
    }
}
