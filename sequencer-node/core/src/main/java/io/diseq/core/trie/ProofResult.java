package io.diseq.core.trie;

import io.diseq.core.util.Hex;
import java.util.Arrays;

/** The verdict on a trie proof for one key (docs/protocol.md §6.6). */
public sealed interface ProofResult {
    /** Stable codes of an invalid proof; never rename, only add. */
    enum Code {
        /** The first node does not hash to the expected root. */
        ROOT_MISMATCH,
        /** A node does not hash to the reference its parent holds. */
        HASH_MISMATCH,
        /** A node is not canonical RLP, or not a canonical trie node. */
        MALFORMED_NODE,
        /** The walk needs a node the proof does not contain (including an empty proof). */
        INCOMPLETE,
        /** The walk ended before using every node of the proof. */
        EXTRA_NODES
    }

    /** The key is in the trie with this value. */
    record Present(byte[] value) implements ProofResult {
        public Present {
            value = value.clone();
        }

        @Override
        public byte[] value() {
            return value.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Present p && Arrays.equals(value, p.value);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(value);
        }

        @Override
        public String toString() {
            return "Present[" + Hex.encode(value) + "]";
        }
    }

    /** The key is not in the trie. */
    record Absent() implements ProofResult {}

    /** The proof proves nothing about the key under this root. */
    record Invalid(Code code, String detail) implements ProofResult {}
}
