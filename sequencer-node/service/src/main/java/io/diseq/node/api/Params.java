package io.diseq.node.api;

import io.diseq.core.util.Bytes;
import io.diseq.core.util.Hex;
import io.diseq.node.http.ApiException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * Parses request parameters strictly. Parameters arrive as strings (not as JAX-RS typed
 * parameters) so that a malformed value is a typed 400 with a stable code, never Jersey's untyped 404.
 * Range cursors are opaque to clients: base64url of {@code "v1:<next height>"}.
 */
final class Params {
    static final int DEFAULT_LIMIT = 20;
    static final int MAX_LIMIT = 100;
    private static final Pattern DECIMAL = Pattern.compile("0|[1-9][0-9]{0,18}");
    private static final String CURSOR_PREFIX = "v1:";

    private Params() {
    }

    static long height(String value) {
        if (value == null || !DECIMAL.matcher(value).matches()) {
            throw new ApiException(ApiCode.BAD_HEIGHT, "height must be a non-negative decimal integer");
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new ApiException(ApiCode.BAD_HEIGHT, "height out of range");
        }
    }

    static int limit(String value) {
        if (value == null) {
            return DEFAULT_LIMIT;
        }
        if (!DECIMAL.matcher(value).matches() || value.length() > 3 || Integer.parseInt(value) < 1
                || Integer.parseInt(value) > MAX_LIMIT) {
            throw new ApiException(ApiCode.BAD_LIMIT, "limit must be an integer from 1 to " + MAX_LIMIT);
        }
        return Integer.parseInt(value);
    }

    static Bytes messageId(String value) {
        if (value == null || value.length() != 64 || !isHex(value)) {
            throw new ApiException(ApiCode.BAD_ID, "message id must be 64 hex characters (keccak256)");
        }
        return Bytes.fromHex(value);
    }

    /** Hex of any even length (an optional 0x prefix is allowed), else BAD_HEX. */
    static byte[] hex(String value) {
        String digits = value.startsWith("0x") ? value.substring(2) : value;
        if (!isHex(digits)) {
            throw new ApiException(ApiCode.BAD_HEX, "data must be hex with an even number of digits");
        }
        return Hex.decode(digits);
    }

    /** Even length and ASCII hex digits only (a loop: a regex would recurse per character on 128 KiB). */
    private static boolean isHex(String s) {
        if ((s.length() & 1) != 0) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F')) {
                return false;
            }
        }
        return true;
    }

    static String cursor(long nextHeight) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((CURSOR_PREFIX + nextHeight).getBytes(StandardCharsets.US_ASCII));
    }

    static long fromCursor(String cursor) {
        String decoded;
        try {
            decoded = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII);
        } catch (IllegalArgumentException e) {
            throw badCursor();
        }
        if (!decoded.startsWith(CURSOR_PREFIX) || !DECIMAL.matcher(decoded.substring(CURSOR_PREFIX.length())).matches()) {
            throw badCursor();
        }
        try {
            return Long.parseLong(decoded.substring(CURSOR_PREFIX.length()));
        } catch (NumberFormatException e) {
            throw badCursor();
        }
    }

    private static ApiException badCursor() {
        return new ApiException(ApiCode.BAD_CURSOR, "cursor is not one this API issued");
    }
}
