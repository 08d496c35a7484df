package io.diseq.core.trie;

import io.diseq.core.crypto.Keccak256;
import io.diseq.core.rlp.Rlp;
import io.diseq.core.rlp.RlpException;
import io.diseq.core.rlp.RlpItem;
import io.diseq.core.rlp.RlpList;
import io.diseq.core.rlp.RlpString;
import io.diseq.core.util.Bytes;
import io.diseq.core.util.Hex;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Verifies a trie proof offline, trusting nothing but the root hash (docs/protocol.md §6.6).
 *
 * <p>The verifier walks the key's nibble path from the root node, which must hash to the root.
 * Each hashed child reference must be matched by the next node of the proof; an embedded child
 * (RLP shorter than 32 bytes) is followed inside its parent. The walk ends with the value
 * (Present), or with proof that the key cannot be in the trie (Absent): an empty branch slot, a
 * branch without a value where the key ends, or an extension or leaf whose path diverges from the
 * key. Because every step follows THIS key's nibbles, a proof for another key cannot prove
 * anything about this one: it fails a hash check, runs out of nodes or leaves nodes unused.
 */
public final class TrieProofs {
    private TrieProofs() {}

    public static ProofResult verify(Bytes root, byte[] key, List<byte[]> proof) {
        if (proof.isEmpty()) {
            return invalid(ProofResult.Code.INCOMPLETE, "empty proof");
        }
        byte[] first = proof.get(0);
        Keccak256.Hasher hasher = new Keccak256.Hasher();
        if (!Arrays.equals(hasher.hash(first), root.unsafeArray())) {
            return invalid(ProofResult.Code.ROOT_MISMATCH, "first node does not hash to the root");
        }
        try {
            return new Walk(Nibbles.of(key), proof, hasher).run(first);
        } catch (RlpException e) {
            return invalid(ProofResult.Code.MALFORMED_NODE, e.getMessage());
        } catch (Rejected r) {
            return r.result;
        }
    }

    /** The JSON form of a proof: one lowercase hex string per node, in order (docs/protocol.md §6.5). */
    public static List<String> toHex(List<byte[]> proof) {
        List<String> out = new ArrayList<>(proof.size());
        for (byte[] node : proof) {
            out.add(Hex.encode(node));
        }
        return out;
    }

    /** Parses the JSON form; IllegalArgumentException on a string that is not hex. */
    public static List<byte[]> fromHex(List<String> proof) {
        List<byte[]> out = new ArrayList<>(proof.size());
        for (String node : proof) {
            out.add(Hex.decode(node));
        }
        return out;
    }

    private static ProofResult invalid(ProofResult.Code code, String detail) {
        return new ProofResult.Invalid(code, detail);
    }

    /** Carries an Invalid verdict out of the walk; never escapes {@link #verify}. */
    private static final class Rejected extends RuntimeException {
        final transient ProofResult result;

        Rejected(ProofResult.Code code, String detail) {
            super(detail, null, false, false);
            this.result = invalid(code, detail);
        }
    }

    /**
     * One verification: the key's nibbles, the position in them, the next unused proof node and
     * the digest that hashes every node of this proof.
     */
    private static final class Walk {
        private final byte[] path;
        private final List<byte[]> proof;
        private final Keccak256.Hasher hasher;
        private int pos;
        private int next = 1;

        Walk(byte[] path, List<byte[]> proof, Keccak256.Hasher hasher) {
            this.path = path;
            this.proof = proof;
            this.hasher = hasher;
        }

        ProofResult run(byte[] rootNode) {
            RlpItem root = Rlp.decode(rootNode);
            if (root instanceof RlpString s) {
                if (s.length() != 0) {
                    throw new Rejected(ProofResult.Code.MALFORMED_NODE, "root is a non-empty string");
                }
                return finish(new ProofResult.Absent()); // the empty trie
            }
            RlpList node = root.asList();
            while (true) {
                RlpItem ref;
                if (node.size() == BranchNode.WIDTH + 1) {
                    checkBranch(node);
                    if (pos == path.length) {
                        byte[] value = node.get(BranchNode.WIDTH).asString().bytes();
                        return finish(value.length == 0 ? new ProofResult.Absent() : new ProofResult.Present(value));
                    }
                    ref = node.get(path[pos++]);
                    if (ref instanceof RlpString s && s.length() == 0) {
                        return finish(new ProofResult.Absent());
                    }
                    node = child(ref);
                } else if (node.size() == 2) {
                    HexPrefix.Path nodePath = hexPrefix(node.get(0));
                    boolean matches = Nibbles.commonPrefix(nodePath.nibbles(), path, pos) == nodePath.nibbles().length;
                    if (nodePath.leaf()) {
                        return finish(leafResult(node, matches && pos + nodePath.nibbles().length == path.length));
                    }
                    if (!matches) {
                        return finish(new ProofResult.Absent());
                    }
                    pos += nodePath.nibbles().length;
                    node = child(node.get(1));
                    if (node.size() != BranchNode.WIDTH + 1) {
                        throw new Rejected(ProofResult.Code.MALFORMED_NODE, "extension not followed by a branch");
                    }
                } else {
                    throw new Rejected(ProofResult.Code.MALFORMED_NODE, "node with " + node.size() + " items");
                }
            }
        }

        private static ProofResult leafResult(RlpList leaf, boolean keyMatches) {
            byte[] value = leaf.get(1).asString().bytes();
            if (value.length == 0) {
                throw new Rejected(ProofResult.Code.MALFORMED_NODE, "leaf with an empty value");
            }
            return keyMatches ? new ProofResult.Present(value) : new ProofResult.Absent();
        }

        private static HexPrefix.Path hexPrefix(RlpItem item) {
            HexPrefix.Path decoded = HexPrefix.decode(item.asString().bytes());
            if (decoded == null) {
                throw new Rejected(ProofResult.Code.MALFORMED_NODE, "bad hex-prefix path");
            }
            if (!decoded.leaf() && decoded.nibbles().length == 0) {
                throw new Rejected(ProofResult.Code.MALFORMED_NODE, "extension with an empty path");
            }
            return decoded;
        }

        /** A canonical branch has at least two entries (children or value); fewer would have collapsed. */
        private static void checkBranch(RlpList branch) {
            int entries = 0;
            for (RlpItem item : branch.items()) {
                entries += item instanceof RlpString s && s.length() == 0 ? 0 : 1;
            }
            if (entries < 2) {
                throw new Rejected(ProofResult.Code.MALFORMED_NODE, "branch with fewer than two entries");
            }
        }

        /** Follows a non-empty child reference: embedded in the parent, or the next proof node by hash. */
        private RlpList child(RlpItem ref) {
            if (ref instanceof RlpList embedded) {
                if (embedded.encoded().length >= Node.EMBED_LIMIT) {
                    throw new Rejected(ProofResult.Code.MALFORMED_NODE, "embedded node of 32 bytes or more");
                }
                return embedded;
            }
            RlpString hash = (RlpString) ref;
            if (hash.length() != Keccak256.LENGTH) {
                throw new Rejected(ProofResult.Code.MALFORMED_NODE, "child reference of " + hash.length() + " bytes");
            }
            if (next >= proof.size()) {
                throw new Rejected(ProofResult.Code.INCOMPLETE, "node " + next + " is missing");
            }
            byte[] encoding = proof.get(next);
            if (!Arrays.equals(hasher.hash(encoding), hash.bytes())) {
                throw new Rejected(ProofResult.Code.HASH_MISMATCH, "node " + next + " does not hash to its reference");
            }
            if (encoding.length < Node.EMBED_LIMIT) {
                throw new Rejected(ProofResult.Code.MALFORMED_NODE, "node " + next + " is short and should be embedded");
            }
            next++;
            return Rlp.decode(encoding).asList();
        }

        private ProofResult finish(ProofResult result) {
            if (next < proof.size()) {
                return invalid(ProofResult.Code.EXTRA_NODES, (proof.size() - next) + " unused nodes");
            }
            return result;
        }
    }
}
