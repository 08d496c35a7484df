package io.diseq.node.http;

import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.core.Response;
import org.eclipse.jetty.http.HttpException;
import org.glassfish.jersey.message.internal.HeaderValueException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every other exception out of a resource or Jersey: an unparsable request header (such as a
 * Content-Type Jersey cannot read) is a 400 BAD_REQUEST; Jetty's rejection of a request while a resource
 * reads it (a body slower than the minimum data rate: 408) keeps its status; anything else is logged once and answered
 * 500 INTERNAL, with no detail in the body. Replaces Dropwizard's default mappers (whose bodies carry
 * a numeric code), which the node does not register.
 */
@Provider
public final class UnexpectedExceptionMapper implements ExceptionMapper<Throwable> {
    private static final Logger LOG = LoggerFactory.getLogger(UnexpectedExceptionMapper.class);

    @Override
    public Response toResponse(Throwable e) {
        if (e instanceof HeaderValueException || e.getCause() instanceof HeaderValueException) {
            return ErrorBodies.response(400, HttpErrorCode.BAD_REQUEST, "a request header cannot be parsed");
        }
        HttpException jetty = jettyRejection(e);
        if (jetty != null && jetty.getCode() >= 400 && jetty.getCode() < 500) {
            return ErrorBodies.response(jetty.getCode(), HttpErrorCode.forStatus(jetty.getCode()), jetty.getReason());
        }
        LOG.error("unexpected error while serving a request", e);
        return ErrorBodies.response(500, HttpErrorCode.INTERNAL, "internal error");
    }

    /** Jetty's verdict on the request (a body below the minimum data rate is a 408), if that is the cause. */
    private static HttpException jettyRejection(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof HttpException h) {
                return h;
            }
        }
        return null;
    }
}
