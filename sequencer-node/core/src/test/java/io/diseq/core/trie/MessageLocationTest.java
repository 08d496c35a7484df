package io.diseq.core.trie;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.diseq.core.rlp.RlpException;
import io.diseq.core.util.Hex;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class MessageLocationTest {

    @Test
    void encodesAsTheRlpListOfHeightAndIndex() {
        assertThat(new MessageLocation(0, 0).encode()).isEqualTo(Hex.decode("c28080"));
        assertThat(new MessageLocation(1024, 5).encode()).isEqualTo(Hex.decode("c482040005"));
        assertThat(MessageLocation.decode(Hex.decode("c482040005"))).isEqualTo(new MessageLocation(1024, 5));
        assertThatIllegalArgumentException().isThrownBy(() -> new MessageLocation(-1, 0));
    }

    @Test
    void decodingIsStrict() {
        for (String bad : List.of("c3820005", "c180", "c3808080", "c28000", "80")) {
            assertThatThrownBy(() -> MessageLocation.decode(Hex.decode(bad))).as(bad).isInstanceOf(RlpException.class);
        }
    }

    @Test
    void proofsRoundTripThroughTheirJsonHexForm() {
        MerklePatriciaTrie trie = MerklePatriciaTrie.empty();
        byte[] id = new byte[32];
        id[0] = 7;
        trie.put(id, new MessageLocation(3, 1).encode());
        List<String> json = TrieProofs.toHex(trie.prove(id));
        assertThat(json).allMatch(s -> s.matches("[0-9a-f]+"));
        ProofResult result = TrieProofs.verify(trie.rootHash(), id, TrieProofs.fromHex(json));
        assertThat(MessageLocation.decode(((ProofResult.Present) result).value())).isEqualTo(new MessageLocation(3, 1));
    }
}
