package io.diseq.node.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which decoded paths the explorer servlet maps to a class path file: plain names only, never a directory. */
class ExplorerPathTest {
    @Test
    void plainFilesMapBelowTheFolderAndTheRootIsTheIndex() {
        assertThat(Explorer.resourceName("/")).contains("index.html");
        assertThat(Explorer.resourceName("/js/app.js")).contains("js/app.js");
        assertThat(Explorer.resourceName("/vendor/noble-curves-2.4.0/ed25519.js"))
                .contains("vendor/noble-curves-2.4.0/ed25519.js");
        assertThat(Explorer.resourceName("/vendor/VENDORED.md")).contains("vendor/VENDORED.md");
    }

    @Test
    void directoriesDotSegmentsAndOddNamesMapToNothing() {
        for (String path : new String[] {"/js/", "/js", "/vendor", "//index.html", "/js//app.js", "/../pom.xml",
                "/js/../index.html", "/./index.html", "/.hidden.js", "/js\\app.js", "/a\u0000.js", "/a b.js",
                "/app.", "/vendor/noble-curves-2.4.0/LICENSE", "/app.class", "/META-INF/MANIFEST.MF",
                "/" + "a".repeat(300) + ".js", "/%2e%2e/x.js", "js/app.js"}) {
            assertThat(Explorer.resourceName(path)).as(path).isEmpty();
        }
    }
}
