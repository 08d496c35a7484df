package io.diseq.node.http;

import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.core.Response;
import org.glassfish.jersey.message.internal.HeaderValueException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every other exception out of a resource or Jersey: an unparsable request header (such as a
 * Content-Type Jersey cannot read) is a 400 BAD_REQUEST; anything else is logged once and answered
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
        LOG.error("unexpected error while serving a request", e);
        return ErrorBodies.response(500, HttpErrorCode.INTERNAL, "internal error");
    }
}
