package io.diseq.node.http;

import java.io.IOException;
import java.nio.charset.Charset;
import java.util.List;
import org.eclipse.jetty.ee10.servlet.ErrorHandler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * {@link JsonErrorHandler}'s JSON error body for {@code sendError} inside a servlet context (Dropwizard's
 * method filter, an ambiguous path the servlet layer refuses). The explorer writes its errors itself
 * ({@code io.diseq.node.api.Explorer}).
 */
public final class JsonServletErrorHandler extends ErrorHandler {
    public JsonServletErrorHandler() {
        setShowStacks(false);
        setShowCauses(false);
    }

    @Override
    public boolean errorPageForMethod(String method) {
        return true;
    }

    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
                                    Callback callback) throws IOException {
        JsonErrorHandler.write(response, code, message, callback);
    }

    /** The servlet layer's own path (any Accept header): the same JSON. */
    @Override
    protected boolean generateAcceptableResponse(Request request, Response response, Callback callback,
                                                 String contentType, List<Charset> charsets, int code, String message,
                                                 Throwable cause) {
        JsonErrorHandler.write(response, code, message, callback);
        return true;
    }
}
