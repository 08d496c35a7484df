package io.diseq.node.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.diseq.node.http.ApiException;
import java.io.ByteArrayInputStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Strict parameter parsing and the disabled submit endpoint, without a server. */
@Tag("unit")
class ParamsTest {
    @Test
    void cursorsRoundTripAndForeignOnesAreRefused() {
        assertThat(Params.fromCursor(Params.cursor(0))).isZero();
        assertThat(Params.fromCursor(Params.cursor(Long.MAX_VALUE))).isEqualTo(Long.MAX_VALUE);
        assertCode(() -> Params.fromCursor("djE6LTE"), ApiCode.BAD_CURSOR); // "v1:-1"
        assertCode(() -> Params.fromCursor(""), ApiCode.BAD_CURSOR);
        assertCode(() -> Params.fromCursor("%%%"), ApiCode.BAD_CURSOR);
    }

    @Test
    void heightsLimitsIdsAndHexAreStrict() {
        assertThat(Params.height("0")).isZero();
        assertThat(Params.height("9223372036854775807")).isEqualTo(Long.MAX_VALUE);
        assertCode(() -> Params.height("9223372036854775808"), ApiCode.BAD_HEIGHT);
        assertCode(() -> Params.height("+1"), ApiCode.BAD_HEIGHT);
        assertCode(() -> Params.height("١"), ApiCode.BAD_HEIGHT);
        assertThat(Params.limit(null)).isEqualTo(Params.DEFAULT_LIMIT);
        assertThat(Params.limit("100")).isEqualTo(100);
        assertCode(() -> Params.limit("0100"), ApiCode.BAD_LIMIT);
        assertThat(Params.messageId("AB".repeat(32)).toHex()).isEqualTo("ab".repeat(32));
        assertCode(() -> Params.messageId("٣".repeat(64)), ApiCode.BAD_ID);
        assertThat(Params.hex("0x0aFF")).containsExactly(0x0a, 0xff);
        assertCode(() -> Params.hex("0x0"), ApiCode.BAD_HEX);
        assertThat(Params.hex("ab".repeat(100_000))).hasSize(100_000);
    }

    @Test
    void disabledSubmitIsRefusedBeforeTheBodyIsRead() {
        MessageResource resource = new MessageResource(null, null, false, 100);
        ByteArrayInputStream body = new ByteArrayInputStream(new byte[] {1, 2, 3});
        assertCode(() -> resource.submit("application/octet-stream", body), ApiCode.SUBMIT_DISABLED);
        assertThat(ApiCode.SUBMIT_DISABLED.httpStatus()).isEqualTo(403);
        assertThat(body.available()).isEqualTo(3);
    }

    private static void assertCode(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, ApiCode code) {
        assertThatThrownBy(call).isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo(code));
    }
}
