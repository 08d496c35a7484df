package io.diseq.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.diseq.core.chain.ValidatorSet;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The validators-file grammar of docs/protocol.md §7.21, as {@link ValidatorsFile} parses it. */
@Tag("unit")
class ValidatorsFileTest {
    private final TestChain chain = new TestChain("devnet");

    private ValidatorSet parse(String text) throws ClientException {
        return ValidatorsFile.parse(text, "v.txt");
    }

    @Test
    void lfCrlfTabsCommentsBlankLinesAndExtraWordsAreAccepted() throws Exception {
        String lf = chain.validatorsFile();
        assertThat(parse(lf)).isEqualTo(chain.validators);
        assertThat(parse(lf.replace("\n", "\r\n"))).isEqualTo(chain.validators);
        String loose = "\n  # comment\n\t\n" + lf.replace(" diseq-validator-v1 ", "\t diseq-validator-v1\t")
                .replace("\n", "  \t# trailing words are ignored\n");
        assertThat(parse(loose)).isEqualTo(chain.validators);
        assertThat(parse(lf.substring(0, lf.length() - 1))).as("no final line end").isEqualTo(chain.validators);
    }

    @Test
    void otherControlCharactersABomAndBadIdsAreRejected() {
        String lf = chain.validatorsFile();
        assertThatThrownBy(() -> parse(lf.replace("\n", "\r"))).hasMessageContaining("control character");
        assertThatThrownBy(() -> parse(lf.replace(" diseq", "\fdiseq"))).hasMessageContaining("line 2: a control character");
        assertThatThrownBy(() -> parse(lf.replace("# test", "# te\u0000st"))).hasMessageContaining("line 1");
        assertThatThrownBy(() -> parse("\uFEFF" + lf.substring(lf.indexOf('\n') + 1))).hasMessageContaining("line 1: expected");
        assertThatThrownBy(() -> parse(lf.replace("v1 diseq", "v/1 diseq"))).hasMessageContaining("line 3: expected");
        assertThatThrownBy(() -> parse(lf.replace("v1 diseq", "v\u00a01 diseq"))).hasMessageContaining("line 3: expected");
        assertThatThrownBy(() -> parse("# nothing\n")).hasMessageContaining("lists no validators");
    }
}
