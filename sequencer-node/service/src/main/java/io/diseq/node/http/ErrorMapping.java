package io.diseq.node.http;

import java.util.List;

/**
 * The error layer every Jersey application of the node registers (public API and gossip server):
 * typed rejections ({@link ApiExceptionMapper}), Jersey's own (routing, method, media type) and
 * anything unexpected, all as the JSON {@link ErrorBody}.
 */
public final class ErrorMapping {
    private ErrorMapping() {
    }

    public static List<Object> providers() {
        return List.of(new ApiExceptionMapper(), new WebApplicationExceptionMapper(), new UnexpectedExceptionMapper());
    }
}
