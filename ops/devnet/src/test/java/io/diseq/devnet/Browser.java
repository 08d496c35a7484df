package io.diseq.devnet;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Headless Chromium for the {@code browser} test tier, driven through chromedriver by Selenium. Both
 * come from the operating system (Debian: {@code apt-get install chromium chromium-driver}; {@code .ci/run}
 * installs them when it can), never downloaded: the driver path is given explicitly, so Selenium
 * Manager does not run. Where either is missing the tests are skipped by a JUnit assumption that says
 * what to install. Override the locations with {@code CHROME_BIN} and {@code CHROMEDRIVER}.
 */
final class Browser {
    private Browser() {
    }

    private static Optional<Path> find(String env, String... names) {
        String given = System.getenv(env);
        if (given != null && !given.isBlank()) {
            return Optional.of(Path.of(given)).filter(Files::isExecutable);
        }
        String path = Optional.ofNullable(System.getenv("PATH")).orElse("/usr/bin");
        return Stream.of(names).flatMap(n -> Stream.of(path.split(File.pathSeparator)).map(d -> Path.of(d, n)))
                .filter(Files::isExecutable).findFirst();
    }

    static Optional<Path> chromium() {
        return find("CHROME_BIN", "chromium", "chromium-browser", "google-chrome");
    }

    static Optional<Path> chromedriver() {
        return find("CHROMEDRIVER", "chromedriver");
    }

    static boolean installed() {
        return chromium().isPresent() && chromedriver().isPresent();
    }

    /** Skips the calling test (JUnit assumption) unless Chromium and chromedriver are installed. */
    static void assumeInstalled() {
        Assumptions.assumeTrue(installed(),
                "browser tier skipped: headless Chromium and chromedriver are not installed (Debian: apt-get install"
                        + " -y chromium chromium-driver; or set CHROME_BIN and CHROMEDRIVER)");
    }

    /**
     * A fresh headless browser with its own profile in {@code userDataDir}. The flags turn off every
     * background connection Chromium makes by itself (updates, sync, QUIC probes): on a closed network
     * they fail and slow the browser down.
     */
    static ChromeDriver start(Path userDataDir) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium().orElseThrow().toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1280,1500", "--user-data-dir=" + userDataDir.toAbsolutePath());
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(chromedriver().orElseThrow().toFile()).usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
        return driver;
    }
}
