package io.diseq.node.metrics;

import com.codahale.metrics.MetricRegistry;
import io.diseq.node.http.ErrorBody;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;

/**
 * Counts rejected public API requests by their stable code: {@code api.rejected.<CODE>}. It sees every
 * {@link ErrorBody} answer of the public paths, from resources (via the exception mapper) and from
 * filters that abort (the body limit); internal paths count their own rejects. The set of names is
 * bounded by the code enums.
 */
public final class ApiRejectCounter implements ContainerResponseFilter {
    public static final String PREFIX = "api.rejected.";

    private final MetricRegistry registry;

    public ApiRejectCounter(MetricRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (response.getEntity() instanceof ErrorBody error && !request.getUriInfo().getPath().startsWith("internal")) {
            registry.counter(PREFIX + error.code()).inc();
        }
    }
}
