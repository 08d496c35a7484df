package io.diseq.node.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.diseq.core.util.Hex;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The explorer's static files (src/main/resources/explorer): the vendored @noble files are byte for
 * byte the ones VENDORED.md lists, every module import resolves to a file the node serves (relative, or
 * through the page's import map), and the page's Content-Security-Policy admits exactly its import map
 * and nothing from another origin. Behaviour in a real browser: ops/devnet ExplorerBrowserTest.
 */
@Tag("unit")
class ExplorerAssetsTest {
    private static final Path ROOT = Path.of("src/main/resources/explorer");
    private static final Pattern IMPORT = Pattern.compile(
            "(?:^|;|\\n)\\s*(?:import|export)\\s[^'\"]*?from\\s*['\"]([^'\"]+)['\"]|(?:^|\\n)\\s*import\\s*['\"]([^'\"]+)['\"]"
                    + "|import\\(\\s*['\"]([^'\"]+)['\"]");
    private static final Pattern IMPORT_MAP = Pattern.compile("<script type=\"importmap\">(.*?)</script>", Pattern.DOTALL);
    private static final Map<String, String> PACKAGES = Map.of(
            "@noble/hashes/", "vendor/noble-hashes-2.4.0/", "@noble/curves/", "vendor/noble-curves-2.4.0/");

    private static String read(Path p) {
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static List<Path> files(String under, String suffix) throws IOException {
        try (Stream<Path> s = Files.walk(ROOT.resolve(under))) {
            return s.filter(Files::isRegularFile).filter(p -> p.toString().endsWith(suffix)).sorted().toList();
        }
    }

    @Test
    void vendoredFilesAreExactlyTheListedOnesUnmodified() throws Exception {
        Map<String, String> listed = new TreeMap<>();
        Matcher m = Pattern.compile("(?m)^([0-9a-f]{64})  (\\S+)$").matcher(read(ROOT.resolve("vendor/VENDORED.md")));
        while (m.find()) {
            listed.put(m.group(2), m.group(1));
        }
        Map<String, String> actual = new TreeMap<>();
        for (Path p : files("vendor", "")) {
            if (!p.getFileName().toString().equals("VENDORED.md")) {
                byte[] digest = MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p));
                actual.put(ROOT.resolve("vendor").relativize(p).toString().replace('\\', '/'), Hex.encode(digest));
            }
        }
        assertThat(actual).isEqualTo(listed);
        assertThat(listed).containsKeys("noble-hashes-2.4.0/LICENSE", "noble-curves-2.4.0/LICENSE");
        assertThat(read(ROOT.resolve("vendor/noble-curves-2.4.0/package.json"))).contains("\"version\": \"2.4.0\"");
        assertThat(read(ROOT.resolve("vendor/noble-hashes-2.4.0/package.json"))).contains("\"version\": \"2.4.0\"");
    }

    @Test
    void everyModuleImportResolvesToAServedFile() throws Exception {
        int imports = 0;
        for (Path file : Stream.concat(files("js", ".js").stream(), files("vendor", ".js").stream()).toList()) {
            Matcher m = IMPORT.matcher(read(file));
            while (m.find()) {
                String spec = m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3);
                assertThat(resolve(file, spec)).as(file + " imports " + spec).isRegularFile();
                imports++;
            }
        }
        assertThat(imports).isGreaterThan(30);
    }

    private static Path resolve(Path from, String spec) {
        if (spec.startsWith("./") || spec.startsWith("../")) {
            return from.getParent().resolve(spec).normalize();
        }
        return PACKAGES.entrySet().stream().filter(e -> spec.startsWith(e.getKey())).findFirst()
                .map(e -> ROOT.resolve(e.getValue() + spec.substring(e.getKey().length())))
                .orElseThrow(() -> new AssertionError("import of '" + spec + "' is neither relative nor a vendored package"));
    }

    @Test
    void theContentSecurityPolicyAdmitsOnlyThePagesOwnImportMapAndOrigin() throws Exception {
        String html = read(ROOT.resolve("index.html"));
        Matcher map = IMPORT_MAP.matcher(html);
        assertThat(map.find()).isTrue();
        String hash = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256")
                .digest(map.group(1).getBytes(StandardCharsets.UTF_8)));
        assertThat(html).contains("script-src 'self' 'sha256-" + hash + "'", "default-src 'none'", "connect-src 'self'");
        PACKAGES.forEach((name, folder) -> assertThat(map.group(1)).contains("\"" + name + "\": \"./" + folder + "\""));
        assertThat(html).doesNotContainPattern("(src|href)=\"(https?:)?//");
        for (Path file : files("js", ".js")) {
            String js = read(file).replace("'http://www.w3.org/2000/svg'", "namespace"); // an XML name, not a URL to load
            assertThat(js).as(file.toString()).doesNotContain("http://", "https://");
        }
    }
}
