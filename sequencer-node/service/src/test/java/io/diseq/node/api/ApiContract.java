package io.diseq.node.api;

import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/** The operations JAX-RS resource classes declare, as "METHOD /path" and their parameters, read by reflection. */
final class ApiContract {
    private ApiContract() {
    }

    /** "get /v1/blocks/{height}" for every resource method of the classes. */
    static Set<String> operations(Iterable<Class<?>> resources) {
        Set<String> out = new TreeSet<>();
        for (Class<?> c : resources) {
            for (Method m : c.getMethods()) {
                String verb = httpMethod(m);
                if (verb != null) {
                    out.add(verb + " " + path(c, m));
                }
            }
        }
        return out;
    }

    /** "get /v1/blocks/{height} path height", "get /v1/blocks query limit", … */
    static Set<String> parameters(Iterable<Class<?>> resources) {
        Set<String> out = new TreeSet<>();
        for (Class<?> c : resources) {
            for (Method m : c.getMethods()) {
                String verb = httpMethod(m);
                if (verb == null) {
                    continue;
                }
                for (Parameter p : m.getParameters()) {
                    if (p.isAnnotationPresent(PathParam.class)) {
                        out.add(verb + " " + path(c, m) + " path " + p.getAnnotation(PathParam.class).value());
                    }
                    if (p.isAnnotationPresent(QueryParam.class)) {
                        out.add(verb + " " + path(c, m) + " query " + p.getAnnotation(QueryParam.class).value());
                    }
                }
            }
        }
        return out;
    }

    private static String httpMethod(Method m) {
        for (Annotation a : m.getAnnotations()) {
            HttpMethod verb = a.annotationType().getAnnotation(HttpMethod.class);
            if (verb != null) {
                return verb.value().toLowerCase(Locale.ROOT);
            }
        }
        return null;
    }

    private static String path(Class<?> c, Method m) {
        String base = trim(c.getAnnotation(Path.class).value());
        Path sub = m.getAnnotation(Path.class);
        return "/" + (sub == null ? base : base + "/" + trim(sub.value()));
    }

    private static String trim(String p) {
        String s = p.startsWith("/") ? p.substring(1) : p;
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }
}
