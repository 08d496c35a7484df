package io.diseq.node.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.diseq.node.http.BodyLimitFilter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The OpenAPI document against the code: its operations and parameters are exactly the ones the
 * resource classes declare, its error codes exactly {@link ApiCode} plus the body limit's, and sample
 * bodies built from the response records validate against (and bad ones fail) its schemas. The
 * running node's registered resources are compared in {@link RestApiTest}.
 */
@Tag("unit")
class OpenApiContractTest {
    static final List<Class<?>> RESOURCES = List.of(NodeResource.class, BlockResource.class, StateRootResource.class,
            MessageResource.class, ChainResource.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    static Set<String> documentedOperations() {
        Set<String> out = new TreeSet<>();
        OpenApi.DOCUMENT.get("paths").fields().forEachRemaining(path ->
                path.getValue().fieldNames().forEachRemaining(verb -> out.add(verb + " " + path.getKey())));
        return out;
    }

    @Test
    void everyResourceOperationIsDocumentedAndNothingElse() {
        assertThat(documentedOperations()).isEqualTo(ApiContract.operations(RESOURCES));
    }

    @Test
    void documentedParametersAreTheResourcesParameters() {
        Set<String> documented = new TreeSet<>();
        OpenApi.DOCUMENT.get("paths").fields().forEachRemaining(path ->
                path.getValue().fields().forEachRemaining(op -> op.getValue().path("parameters").forEach(p -> {
                    JsonNode param = p.has("$ref") ? OpenApi.DOCUMENT.at(p.get("$ref").asText().substring(1)) : p;
                    documented.add(op.getKey() + " " + path.getKey() + " " + param.get("in").asText() + " "
                            + param.get("name").asText());
                })));
        assertThat(documented).isEqualTo(ApiContract.parameters(RESOURCES));
    }

    @Test
    void errorCodesAreExactlyTheStableCodes() {
        List<String> documented = new ArrayList<>();
        OpenApi.DOCUMENT.at("/components/schemas/Error/properties/code/enum").forEach(c -> documented.add(c.asText()));
        java.util.Set<String> codes = new java.util.TreeSet<>(Arrays.stream(ApiCode.values()).map(Enum::name).toList());
        codes.add(BodyLimitFilter.Code.TOO_LARGE.name());
        Arrays.stream(io.diseq.node.http.HttpErrorCode.values()).map(Enum::name).forEach(codes::add);
        assertThat(documented).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(codes);
    }

    @Test
    void sampleBodiesValidateAndViolationsAreCaught() {
        String hash = "ab".repeat(32);
        JsonNode status = JSON.valueToTree(new Views.Status("devnet", 3, hash, 4, 0, "PREVOTE", false, false, 3,
                List.of(new Views.ValidatorInfo(0, "v0", hash, hash))));
        OpenApi.assertValid("Status", status);
        JsonNode error = JSON.valueToTree(new io.diseq.node.http.ErrorBody("BAD_HEIGHT", "height must be ..."));
        OpenApi.assertValid("Error", error);

        JsonNode badStep = JSON.valueToTree(new Views.Status("devnet", 3, hash, 4, 0, "VOTING", false, false, 3,
                List.of(new Views.ValidatorInfo(0, "v0", hash, hash))));
        assertThat(OpenApi.validate("Status", badStep)).isNotEmpty();
        JsonNode badCode = JSON.valueToTree(new io.diseq.node.http.ErrorBody("OOPS", "x"));
        assertThat(OpenApi.validate("Error", badCode)).isNotEmpty();
        JsonNode badId = JSON.valueToTree(new Views.Submitted("0x12"));
        assertThat(OpenApi.validate("Submitted", badId)).isNotEmpty();
    }

    @Test
    void chainFileAndAbsenceBodiesValidateAndViolationsAreCaught() {
        String hash = "ab".repeat(32);
        Views.Chain chain = new Views.Chain(1, "devnet", 1_767_225_600_000L,
                List.of(new Views.ChainValidator(0, "v0", hash, hash, "http://localhost:8090/internal/gossip")), hash, hash);
        OpenApi.assertValid("Chain", JSON.valueToTree(chain));
        assertThat(OpenApi.validate("Chain", JSON.valueToTree(new Views.Chain(2, "devnet", 0, chain.validators(), hash,
                hash)))).isNotEmpty();
        assertThat(OpenApi.validate("Chain", JSON.valueToTree(new Views.Chain(1, "devnet", 0,
                List.of(new Views.ChainValidator(0, "v 0", hash, hash, "")), hash, hash)))).isNotEmpty();

        Views.Header header = new Views.Header("80", hash, "devnet", 0, 0, hash, 0, 0, 0, "", List.of(), 0, hash, hash, hash);
        Views.NotSequenced genesis = new Views.NotSequenced("MESSAGE_NOT_FOUND", "not sequenced",
                new Views.Absence("devnet", hash, 0, header, null, List.of("80")));
        OpenApi.assertValid("NotSequenced", JSON.valueToTree(genesis));
        Views.NotSequenced otherCode = new Views.NotSequenced("BLOCK_NOT_FOUND", "x", genesis.absence());
        assertThat(OpenApi.validate("NotSequenced", JSON.valueToTree(otherCode))).isNotEmpty();
        Views.NotSequenced noProof = new Views.NotSequenced("MESSAGE_NOT_FOUND", "x",
                new Views.Absence("devnet", hash, 0, header, null, List.of()));
        assertThat(OpenApi.validate("NotSequenced", JSON.valueToTree(noProof))).isNotEmpty();
    }
}
