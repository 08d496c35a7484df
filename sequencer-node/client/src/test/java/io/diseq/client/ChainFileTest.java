package io.diseq.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The chain file (docs/protocol.md §7.19): canonical layout, round trip, and every rule of the strict parser. */
@Tag("unit")
class ChainFileTest {
    private final TestChain chain = new TestChain("devnet");
    private final String canonical = chain.chainFile();

    private static ChainFile parse(String text) throws ClientException {
        return ChainFile.parse(text.getBytes(StandardCharsets.UTF_8), "chain.json");
    }

    @Test
    void theCanonicalFileRoundTripsAndDerivesTheGenesisId() throws Exception {
        ChainFile file = parse(canonical);
        assertThat(file.chainId()).isEqualTo("devnet");
        assertThat(file.genesisTimeMs()).isEqualTo(TestChain.GENESIS_TIME_MS);
        assertThat(file.validators()).isEqualTo(chain.validators);
        assertThat(file.genesis().id()).isEqualTo(chain.genesis().id());
        assertThat(file.toJson()).isEqualTo(canonical);
        assertThat(canonical).startsWith("{\n  \"version\": 1,\n  \"chainId\": \"devnet\",\n  \"genesisTimeMs\": 1767225600000,\n")
                .contains("\"genesisBlockId\": \"" + chain.genesis().id().toHex() + "\"").endsWith("}\n")
                .doesNotContain("\r");
    }

    @Test
    void whitespaceAndFieldOrderAreFreeAndTheCheckValuesOptional() throws Exception {
        String compact = canonical.replace("\n", "").replace("  ", "");
        assertThat(parse(compact).validators()).isEqualTo(chain.validators);
        String withoutChecks = canonical.replaceAll(",\\s*\"validatorSetHash\": \"[0-9a-f]+\"", "")
                .replaceAll(",\\s*\"genesisBlockId\": \"[0-9a-f]+\"", "");
        assertThat(withoutChecks).doesNotContain("genesisBlockId");
        assertThat(parse(withoutChecks).genesis().id()).isEqualTo(chain.genesis().id());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "\"version\": 1,|\"version\": 2,|unsupported chain file version",
        "\"version\": 1,|\"version\": 1.0,|unsupported chain file version",
        "\"genesisTimeMs\": 1767225600000|\"genesisTimeMs\": -1|genesisTimeMs must be",
        "\"genesisTimeMs\": 1767225600000|\"genesisTimeMs\": \"1767225600000\"|genesisTimeMs must be",
        "\"chainId\": \"devnet\"|\"chainId\": \"dev net\"|chain",
        "\"id\": \"v1\"|\"id\": \"v 1\"|is not 1 to 64",
        "\"index\": 2|\"index\": 3|validators[2].index must be 2",
        "\"version\": 1,|\"version\": 1, \"extra\": true,|unknown field 'extra'",
        "\"version\": 1,|\"version\": 1, \"version\": 1,|Duplicate field",
        "\"id\": \"v3\",|\"id\": \"v3\", \"id\": \"v4\",|Duplicate field",
        "\"id\": \"v3\",|\"id\": \"v2\",|duplicate validator id",
        "\"genesisTimeMs\": 1767225600000|\"genesisTimeMs\": 1767225600001|genesisBlockId",
    })
    void everyDeviationIsRejectedWithItsReason(String edit) {
        String[] parts = edit.split("\\|");
        String text = canonical.replaceFirst(java.util.regex.Pattern.quote(parts[0]), parts[1].replace("$", "\\$"));
        assertThat(text).isNotEqualTo(canonical);
        assertThatThrownBy(() -> parse(text)).isInstanceOf(ClientException.class).hasMessageContaining(parts[2]);
    }

    @Test
    void keysMustBeCanonicalLowercaseAndTheCheckValuesRight() {
        String key = chain.validators.get(0).signingKey().toHex();
        assertThatThrownBy(() -> parse(canonical.replace(key, key.toUpperCase()))).hasMessageContaining("64 lowercase hex");
        String smallOrder = "0100000000000000000000000000000000000000000000000000000000000000";
        assertThatThrownBy(() -> parse(canonical.replace(key, smallOrder).replaceAll(",\\s*\"validatorSetHash\": \"[0-9a-f]+\"", "")
                .replaceAll(",\\s*\"genesisBlockId\": \"[0-9a-f]+\"", ""))).hasMessageContaining("validator v0");
        String hash = chain.validators.hash().toHex();
        assertThatThrownBy(() -> parse(canonical.replace(hash, "00".repeat(32)))).hasMessageContaining("validatorSetHash");
        assertThatThrownBy(() -> parse(canonical + "{}")).hasMessageContaining("not a JSON chain file");
        assertThatThrownBy(() -> ChainFile.parse(new byte[] {'{', (byte) 0xff, '}'}, "chain.json"))
                .hasMessageContaining("not UTF-8");
        assertThatThrownBy(() -> parse("[]")).hasMessageContaining("must be a JSON object");
    }
}
