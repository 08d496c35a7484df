package io.diseq.node.http;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * Jersey's own rejections (no resource at the path, method not allowed, media type not supported or
 * not acceptable) as a JSON {@link ErrorBody} with an {@link HttpErrorCode}, keeping Jersey's status
 * and its {@code Allow} header.
 */
@Provider
public final class WebApplicationExceptionMapper implements ExceptionMapper<WebApplicationException> {
    @Override
    public Response toResponse(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        HttpErrorCode code = HttpErrorCode.forStatus(status);
        Response json = ErrorBodies.response(status, code, code == HttpErrorCode.INTERNAL ? "internal error" : message(code));
        String allow = e.getResponse().getHeaderString(HttpHeaders.ALLOW);
        return allow == null ? json : Response.fromResponse(json).header(HttpHeaders.ALLOW, allow).build();
    }

    private static String message(HttpErrorCode code) {
        return switch (code) {
            case NOT_FOUND -> "no resource at this path";
            case METHOD_NOT_ALLOWED -> "method not allowed on this path";
            case UNSUPPORTED_MEDIA_TYPE -> "content type not supported";
            case NOT_ACCEPTABLE -> "no acceptable representation";
            default -> "request rejected";
        };
    }
}
