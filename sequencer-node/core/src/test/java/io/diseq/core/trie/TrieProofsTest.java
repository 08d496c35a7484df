package io.diseq.core.trie;

import static org.assertj.core.api.Assertions.assertThat;

import io.diseq.core.crypto.Keccak256;
import io.diseq.core.rlp.Rlp;
import io.diseq.core.util.Bytes;
import io.diseq.core.util.Hex;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Each rejection code of {@link TrieProofs#verify} on a small hand-checked trie. */
@Tag("unit")
class TrieProofsTest {
    private MerklePatriciaTrie trie;
    private Bytes root;

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    @BeforeEach
    void puppyTrie() {
        trie = MerklePatriciaTrie.empty();
        trie.put(ascii("do"), ascii("verb"));
        trie.put(ascii("dog"), ascii("puppy"));
        trie.put(ascii("doge"), ascii("coin"));
        trie.put(ascii("horse"), ascii("stallion"));
        root = trie.rootHash();
        assertThat(root.toHex()).isEqualTo("5991bb8c6514148a29db676a14ac506cd2cd5775ace63c30a4fe457715e9ac84");
    }

    private ProofResult verify(String key, List<byte[]> proof) {
        return TrieProofs.verify(root, ascii(key), proof);
    }

    private static ProofResult.Code code(ProofResult result) {
        assertThat(result).isInstanceOf(ProofResult.Invalid.class);
        return ((ProofResult.Invalid) result).code();
    }

    @Test
    void provesBranchValuesLeavesAndEveryKindOfAbsence() {
        assertThat(verify("do", trie.prove(ascii("do")))).isEqualTo(new ProofResult.Present(ascii("verb")));
        assertThat(verify("doge", trie.prove(ascii("doge")))).isEqualTo(new ProofResult.Present(ascii("coin")));
        assertThat(verify("horse", trie.prove(ascii("horse")))).isEqualTo(new ProofResult.Present(ascii("stallion")));
        // absent: diverges inside an extension, at an empty branch slot, inside a leaf, key ends early
        for (String absent : List.of("cat", "dz", "horsa", "horses", "d", "", "dogg", "dogex")) {
            assertThat(verify(absent, trie.prove(ascii(absent)))).as(absent).isEqualTo(new ProofResult.Absent());
        }
    }

    @Test
    void theProofOfANeighbouringLeafIsNotAProofOfAbsence() {
        // "horsa" is absent; the path to the "horse" leaf is exactly its absence proof, but the path
        // to "dog" (what the seed returned: some other leaf) must be rejected
        assertThat(code(verify("horsa", trie.prove(ascii("dog"))))).isIn(ProofResult.Code.HASH_MISMATCH,
                ProofResult.Code.EXTRA_NODES, ProofResult.Code.INCOMPLETE);
        assertThat(code(verify("cat", trie.prove(ascii("doge"))))).isEqualTo(ProofResult.Code.EXTRA_NODES);
        assertThat(verify("dog", trie.prove(ascii("doge")))).isNotEqualTo(new ProofResult.Absent());
    }

    @Test
    void reportsEachRejectionCode() {
        List<byte[]> proof = trie.prove(ascii("doge"));
        assertThat(proof.size()).isGreaterThan(1);
        assertThat(code(TrieProofs.verify(MerklePatriciaTrie.EMPTY_ROOT, ascii("doge"), proof)))
                .isEqualTo(ProofResult.Code.ROOT_MISMATCH);
        assertThat(code(verify("doge", List.of()))).isEqualTo(ProofResult.Code.INCOMPLETE);
        assertThat(code(verify("doge", proof.subList(0, proof.size() - 1)))).isEqualTo(ProofResult.Code.INCOMPLETE);
        List<byte[]> extra = new ArrayList<>(proof);
        extra.add(proof.get(0));
        assertThat(code(verify("doge", extra))).isEqualTo(ProofResult.Code.EXTRA_NODES);
        List<byte[]> wrong = new ArrayList<>(proof);
        wrong.set(proof.size() - 1, proof.get(1));
        assertThat(code(verify("doge", wrong))).isEqualTo(ProofResult.Code.HASH_MISMATCH);
    }

    @Test
    void rejectsMalformedNodesEvenWhenTheyHashToTheRoot() {
        byte[] threeItems = Rlp.encodeList(Rlp.encodeBytes(new byte[] {0x20}), Rlp.encodeBytes(ascii("x")), Rlp.encodeBytes(ascii("y")));
        byte[] badFlag = Rlp.encodeList(Rlp.encodeBytes(new byte[] {0x40}), Rlp.encodeBytes(ascii("x")));
        byte[] oddPadding = Rlp.encodeList(Rlp.encodeBytes(new byte[] {0x21}), Rlp.encodeBytes(ascii("x")));
        byte[] emptyLeafValue = Rlp.encodeList(Rlp.encodeBytes(new byte[] {0x20}), Rlp.encodeBytes(new byte[0]));
        for (byte[] node : List.of(threeItems, badFlag, oddPadding, emptyLeafValue)) {
            Bytes fakeRoot = Bytes.wrap(Keccak256.hash(node));
            assertThat(code(TrieProofs.verify(fakeRoot, new byte[0], List.of(node))))
                    .as(Hex.encode(node)).isEqualTo(ProofResult.Code.MALFORMED_NODE);
        }
        byte[] notCanonical = Hex.decode("c3812078"); // the leaf [0x20, "x"] = c22078 with 0x20 length-prefixed
        assertThat(code(TrieProofs.verify(Bytes.wrap(Keccak256.hash(notCanonical)), new byte[0], List.of(notCanonical))))
                .isEqualTo(ProofResult.Code.MALFORMED_NODE);
    }

    @Test
    void theEmptyTrieProvesAbsenceWithItsRootNode() {
        List<byte[]> proof = MerklePatriciaTrie.empty().prove(ascii("dog"));
        assertThat(proof).hasSize(1);
        assertThat(proof.get(0)).isEqualTo(new byte[] {(byte) 0x80});
        assertThat(TrieProofs.verify(MerklePatriciaTrie.EMPTY_ROOT, ascii("dog"), proof)).isEqualTo(new ProofResult.Absent());
    }

    @Test
    void hexPrefixMatchesTheYellowPaperFlags() {
        assertThat(HexPrefix.encode(new byte[] {1, 2, 3, 4, 5}, false)).isEqualTo(Hex.decode("112345"));
        assertThat(HexPrefix.encode(new byte[] {0, 1, 2, 3, 4, 5}, false)).isEqualTo(Hex.decode("00012345"));
        assertThat(HexPrefix.encode(new byte[] {0, 15, 1, 12, 11, 8}, true)).isEqualTo(Hex.decode("200f1cb8"));
        assertThat(HexPrefix.encode(new byte[] {15, 1, 12, 11, 8}, true)).isEqualTo(Hex.decode("3f1cb8"));
        HexPrefix.Path decoded = HexPrefix.decode(Hex.decode("3f1cb8"));
        assertThat(decoded.leaf()).isTrue();
        assertThat(decoded.nibbles()).isEqualTo(new byte[] {15, 1, 12, 11, 8});
        assertThat(HexPrefix.decode(Hex.decode("0112"))).isNull();
        assertThat(HexPrefix.decode(Hex.decode("40"))).isNull();
        assertThat(HexPrefix.decode(new byte[0])).isNull();
    }
}
