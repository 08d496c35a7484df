package io.diseq.node.api;

import io.diseq.core.crypto.Keccak256;
import io.diseq.node.http.ErrorBodies;
import io.diseq.node.http.HttpErrorCode;
import io.dropwizard.core.setup.Environment;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.jar.JarEntry;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves the block explorer (docs/operations.md §Explorer) at {@code /explorer/}: plain HTML and
 * JavaScript modules from the class path folder {@code explorer/} (src/main/resources/explorer), with
 * the vendored {@code @noble} libraries. Everything the page shows comes from this node's {@code /v1}
 * API and is verified in the browser against a chain file (docs/protocol.md §7.19); the page loads
 * nothing from any other origin (its Content-Security-Policy says so).
 *
 * <p>A servlet of the node's own rather than Dropwizard's {@code AssetServlet}, because that one answers a
 * missing file with {@code reset(); setStatus(404)} (it catches the class path lookup's exception) instead
 * of {@code sendError}: no error dispatch happens, so no error handler or filter can give it the node's JSON
 * body. Here every answer is decided in one place (docs/operations-node.md §Errors):
 * <ul>
 *   <li>GET and HEAD of a regular file under {@code explorer/} whose path segments are plain names (letters,
 *       digits, {@code . _ -}, not starting with a dot) and whose extension has a known content type; the
 *       root {@code /explorer/} is {@code index.html} and {@code /explorer} redirects there;</li>
 *   <li>anything else (a missing file, a directory, a dot segment, an unknown extension) is 404
 *       {@code NOT_FOUND} as JSON, so no directory is listed and no path leaves the folder; any other method
 *       is 405 {@code METHOD_NOT_ALLOWED};</li>
 *   <li>each file carries a strong ETag (Keccak-256 of its bytes) and {@code Cache-Control: no-cache}: a
 *       browser revalidates (304 on a matching {@code If-None-Match}), so after an upgrade it never runs
 *       verification code older than the node's.</li>
 * </ul>
 * Files found are kept in memory (the folder is a few hundred KB); misses are never cached, so requests
 * for made-up names do not grow anything.
 */
public final class Explorer extends HttpServlet {
    static final String PATH = "/explorer";
    private static final Logger LOG = LoggerFactory.getLogger(Explorer.class);
    private static final String ROOT = "explorer/";
    private static final String INDEX = "index.html";
    private static final int PATH_CHARS_MAX = 256;
    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]*");
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "json", "application/json",
            "md", "text/markdown; charset=utf-8",
            "txt", "text/plain; charset=utf-8",
            "svg", "image/svg+xml",
            "png", "image/png",
            "ico", "image/x-icon");

    private record Asset(byte[] bytes, String contentType, String etag) {
    }

    private final transient ClassLoader loader;
    private final transient ConcurrentMap<String, Asset> assets = new ConcurrentHashMap<>();

    Explorer(ClassLoader loader) {
        this.loader = loader;
    }

    public static void register(Environment environment) {
        environment.servlets().addServlet("explorer", new Explorer(Explorer.class.getClassLoader()))
                .addMapping(PATH + "/*");
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        boolean head = "HEAD".equals(request.getMethod());
        if (!head && !"GET".equals(request.getMethod())) {
            response.setHeader("Allow", "GET, HEAD");
            error(response, HttpErrorCode.METHOD_NOT_ALLOWED, "the explorer serves GET and HEAD", false);
            return;
        }
        if (request.getPathInfo() == null) {
            response.setStatus(HttpServletResponse.SC_FOUND);
            response.setHeader("Location", request.getContextPath() + PATH + "/");
            response.setContentLength(0);
            return;
        }
        Optional<Asset> asset;
        try {
            asset = resourceName(request.getPathInfo()).map(this::asset);
        } catch (UncheckedIOException e) {
            LOG.error("explorer file {} could not be read", request.getPathInfo(), e);
            error(response, HttpErrorCode.INTERNAL, "internal error", head);
            return;
        }
        if (asset.isEmpty()) {
            error(response, HttpErrorCode.NOT_FOUND, "no such explorer file", head);
            return;
        }
        send(request, response, asset.get(), head);
    }

    private static void send(HttpServletRequest request, HttpServletResponse response, Asset asset, boolean head)
            throws IOException {
        response.setHeader("ETag", asset.etag());
        response.setHeader("Cache-Control", "no-cache");
        response.setHeader("X-Content-Type-Options", "nosniff");
        if (matches(request.getHeader("If-None-Match"), asset.etag())) {
            response.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
            return;
        }
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType(asset.contentType());
        response.setContentLength(asset.bytes().length);
        if (!head) {
            response.getOutputStream().write(asset.bytes());
        }
    }

    private static boolean matches(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null) {
            return false;
        }
        for (String tag : ifNoneMatch.split(",")) {
            String trimmed = tag.trim();
            if (trimmed.equals("*") || trimmed.equals(etag)) {
                return true;
            }
        }
        return false;
    }

    private static void error(HttpServletResponse response, HttpErrorCode code, String message, boolean head)
            throws IOException {
        byte[] body = ErrorBodies.bytes(code, message);
        response.setStatus(code.httpStatus());
        response.setContentType("application/json");
        response.setContentLength(body.length);
        if (!head) {
            response.getOutputStream().write(body);
        }
    }

    /**
     * The class path name below {@code explorer/} for a decoded path info, or empty when the path is not one
     * this servlet serves: a directory (other than the root), a segment that is not a plain name (so no
     * {@code .}, {@code ..}, hidden file, back slash or control character), or an unknown extension.
     */
    static Optional<String> resourceName(String pathInfo) {
        if (pathInfo.equals("/")) {
            return Optional.of(INDEX);
        }
        if (pathInfo.length() > PATH_CHARS_MAX || !pathInfo.startsWith("/") || pathInfo.endsWith("/")) {
            return Optional.empty();
        }
        String name = pathInfo.substring(1);
        for (String segment : name.split("/", -1)) {
            if (!SEGMENT.matcher(segment).matches()) {
                return Optional.empty();
            }
        }
        return contentType(name).isPresent() ? Optional.of(name) : Optional.empty();
    }

    private static Optional<String> contentType(String name) {
        int dot = name.lastIndexOf('.');
        int slash = name.lastIndexOf('/');
        if (dot <= slash + 1) {
            return Optional.empty();
        }
        return Optional.ofNullable(TYPES.get(name.substring(dot + 1)));
    }

    /** The file, read once; null (nothing cached) when there is no regular file of that name. */
    private Asset asset(String name) {
        return assets.computeIfAbsent(name, this::load);
    }

    private Asset load(String name) {
        URL url = loader.getResource(ROOT + name);
        try {
            if (url == null || !isRegularFile(url)) {
                return null;
            }
            byte[] bytes;
            try (InputStream in = url.openStream()) {
                bytes = in.readAllBytes();
            }
            String etag = "\"" + HexFormat.of().formatHex(Keccak256.hash(bytes)) + "\"";
            return new Asset(bytes, contentType(name).orElseThrow(), etag);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Only files: a directory URL would open as a listing (file:) or an empty stream (jar:). */
    private static boolean isRegularFile(URL url) throws IOException {
        switch (url.getProtocol()) {
            case "file" -> {
                try {
                    return Files.isRegularFile(Path.of(url.toURI()));
                } catch (URISyntaxException | IllegalArgumentException e) {
                    return false;
                }
            }
            case "jar" -> {
                JarEntry entry = ((JarURLConnection) url.openConnection()).getJarEntry();
                return entry != null && !entry.isDirectory();
            }
            default -> {
                return false;
            }
        }
    }
}
