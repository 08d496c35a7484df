package io.diseq.core.trie;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.diseq.core.Vectors;
import io.diseq.core.crypto.Keccak256;
import io.diseq.core.util.Bytes;
import io.diseq.core.util.Hex;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The ethereum/tests TrieTests cases and mainnet transactionsRoot blocks of vectors.json. */
@Tag("unit")
class TrieVectorsTest {

    /** "0x…" is hex, anything else its raw ASCII bytes (ethereum_mpt.conventions.string_decoding). */
    private static byte[] decodeString(String s) {
        return s.startsWith("0x") ? Hex.decode(s.substring(2)) : s.getBytes(StandardCharsets.UTF_8);
    }

    private static List<Map.Entry<String, JsonNode>> operations(JsonNode testCase) {
        List<Map.Entry<String, JsonNode>> ops = new ArrayList<>();
        JsonNode in = testCase.get("in");
        if (testCase.get("in_format").asText().equals("map")) {
            for (Iterator<Map.Entry<String, JsonNode>> it = in.fields(); it.hasNext(); ) {
                ops.add(it.next());
            }
        } else {
            for (JsonNode pair : in) {
                ops.add(Map.entry(pair.get(0).asText(), pair.get(1)));
            }
        }
        return ops;
    }

    @Test
    void reproducesEveryEthereumTrieTestRoot() {
        int run = 0;
        for (JsonNode testCase : Vectors.get("ethereum_mpt", "cases")) {
            String name = testCase.get("file").asText() + "/" + testCase.get("name").asText();
            boolean secure = testCase.get("secure").asBoolean();
            MerklePatriciaTrie trie = MerklePatriciaTrie.empty();
            Map<Bytes, byte[]> expected = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> op : operations(testCase)) {
                byte[] key = decodeString(op.getKey());
                byte[] path = secure ? Keccak256.hash(key) : key;
                if (op.getValue().isNull()) {
                    trie.delete(path);
                    expected.remove(Bytes.of(path));
                } else {
                    byte[] value = decodeString(op.getValue().asText());
                    trie.put(path, value);
                    expected.put(Bytes.of(path), value);
                }
            }
            assertThat(trie.rootHash().toHex()).as(name).isEqualTo(testCase.get("root").asText().substring(2));
            assertThat(expected).as(name).hasSize(testCase.get("final_entry_count").asInt());
            assertEveryKeyProves(trie, expected, name);
            run++;
        }
        assertThat(run).isEqualTo(25);
    }

    private static void assertEveryKeyProves(MerklePatriciaTrie trie, Map<Bytes, byte[]> expected, String name) {
        Bytes root = trie.rootHash();
        for (Map.Entry<Bytes, byte[]> e : expected.entrySet()) {
            byte[] key = e.getKey().toArray();
            assertThat(trie.get(key)).as(name).isEqualTo(e.getValue());
            assertThat(TrieProofs.verify(root, key, trie.prove(key)))
                    .as(name).isEqualTo(new ProofResult.Present(e.getValue()));
        }
    }

    @Test
    void reproducesMainnetTransactionsRoots() {
        int blocks = 0;
        for (JsonNode block : Vectors.get("ethereum_transactions_root", "blocks")) {
            List<byte[]> raw = new ArrayList<>();
            for (JsonNode tx : block.get("transactions")) {
                assertThat(tx.get("index").asInt()).isEqualTo(raw.size());
                assertThat(MerklePatriciaTrie.orderedKey(raw.size()))
                        .isEqualTo(decodeString(tx.get("trie_key").asText()));
                raw.add(decodeString(tx.get("raw").asText()));
            }
            assertThat(raw).hasSize(block.get("tx_count").asInt());
            Bytes root = MerklePatriciaTrie.orderedRoot(raw);
            assertThat("0x" + root.toHex()).as(block.get("label").asText())
                    .isEqualTo(block.get("transactionsRoot").asText());
            for (int i = 0; i < raw.size(); i++) {
                List<byte[]> proof = MerklePatriciaTrie.orderedProof(raw, i);
                assertThat(TrieProofs.verify(root, MerklePatriciaTrie.orderedKey(i), proof))
                        .isEqualTo(new ProofResult.Present(raw.get(i)));
            }
            assertThat(TrieProofs.verify(root, MerklePatriciaTrie.orderedKey(raw.size()),
                    MerklePatriciaTrie.orderedProof(raw, raw.size()))).isEqualTo(new ProofResult.Absent());
            blocks++;
        }
        assertThat(blocks).isEqualTo(3);
    }

    @Test
    void emptyTrieRootIsKeccakOfTheEmptyString() {
        assertThat("0x" + MerklePatriciaTrie.EMPTY_ROOT.toHex())
                .isEqualTo(Vectors.get("sanity", "empty_trie_root_keccak256_rlp_empty_string").asText());
        assertThat(MerklePatriciaTrie.orderedRoot(List.of())).isEqualTo(MerklePatriciaTrie.EMPTY_ROOT);
    }
}
