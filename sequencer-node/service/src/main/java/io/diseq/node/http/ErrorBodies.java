package io.diseq.node.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;

/** Builds the one JSON error shape ({@link ErrorBody}) for Jersey responses and for Jetty's raw writes. */
public final class ErrorBodies {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MESSAGE_CHARS_MAX = 200;

    private ErrorBodies() {
    }

    public static Response response(int status, ApiErrorCode code, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new ErrorBody(code.name(), bounded(message))).build();
    }

    /** The UTF-8 JSON bytes of an error body (for writers outside Jersey). */
    public static byte[] bytes(ApiErrorCode code, String message) {
        try {
            return JSON.writeValueAsBytes(new ErrorBody(code.name(), bounded(message)));
        } catch (JsonProcessingException e) {
            return ("{\"code\":\"" + code.name() + "\",\"message\":\"\"}").getBytes(StandardCharsets.UTF_8);
        }
    }

    private static String bounded(String message) {
        if (message == null || message.isBlank()) {
            return "";
        }
        return message.length() <= MESSAGE_CHARS_MAX ? message : message.substring(0, MESSAGE_CHARS_MAX);
    }
}
