package io.diseq.node.http;

import java.io.IOException;
import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty's error pages, as the node's JSON {@link ErrorBody} with an {@link HttpErrorCode}: for errors
 * Jetty raises itself (an unparsable request line or header, a bad URI encoding, an ambiguous path
 * separator, a slow client), outside any servlet context. Installed on both servers, for every method
 * (Jetty's default writes a body only for GET, POST and HEAD, and HTML at that); servlet contexts use
 * {@link JsonServletErrorHandler}. Messages never carry a stack.
 */
public final class JsonErrorHandler extends ErrorHandler {
    public JsonErrorHandler() {
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
        write(response, code, message, callback);
    }

    /** The path Jetty takes for a request it rejects before any handler (bad request line, header, URI). */
    @Override
    public boolean writeError(Request request, Response response, Callback callback, int code) {
        response.setStatus(code);
        write(response, code, HttpStatus.getMessage(code), callback);
        return true;
    }

    static void write(Response response, int code, String message, Callback callback) {
        HttpErrorCode errorCode = HttpErrorCode.forStatus(code);
        byte[] body = ErrorBodies.bytes(errorCode, code >= 500 ? "internal error" : message);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        response.write(true, ByteBuffer.wrap(body), callback);
    }

    /** A request Jetty could not parse at all (before any handler): same JSON shape. */
    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        fields.put(HttpHeader.CONTENT_TYPE, "application/json");
        return ByteBuffer.wrap(ErrorBodies.bytes(HttpErrorCode.forStatus(status), reason));
    }
}
