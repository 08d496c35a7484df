package io.diseq.devnet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.diseq.client.ClientConfig;
import io.diseq.client.DiseqClient;
import io.diseq.client.Publisher;
import io.diseq.core.crypto.Keccak256;
import io.diseq.core.util.Hex;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The explorer (docs/operations.md §Explorer) in a real headless Chromium against a running devnet
 * (4 validators, Kafka, PostgreSQL, ingest in this JVM): one test per feature, each on a freshly loaded
 * page. Receipts, absence proofs and certificates are verified by the page's own JavaScript; tampered
 * receipts must show the failing check. Tier {@code browser}: skipped where Chromium is not installed.
 */
@Tag("browser")
class ExplorerBrowserTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Generous: the deadline only bounds a failing run; a passing one moves on as soon as the condition holds. */
    private static final Duration WAIT = Duration.ofSeconds(180);

    @TempDir
    static Path dir;

    private static RunningDevnet devnet;
    private static ChromeDriver driver;
    private static URI rest;
    private static Publisher publisher;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final List<String> IDS = new ArrayList<>();

    /** Starts the devnet and the browser once for the class; nothing, where the browser is missing. */
    @BeforeAll
    static void start() throws Exception {
        if (!Browser.installed()) {
            return;
        }
        devnet = RunningDevnet.start(dir.resolve("data"), TestPorts.freeSettings("explorer"));
        rest = devnet.endpoints().get(0).rest();
        publisher = DiseqClient.connect(new ClientConfig(devnet.settings().kafkaBootstrap(), devnet.settings().chainId(),
                Duration.ofSeconds(30))).publisher();
        for (int i = 0; i < 3; i++) {
            IDS.add(publishAndAwait("explorer message " + i));
        }
        driver = Browser.start(dir.resolve("chromium-profile"));
    }

    /** Each test reports its own skip (a JUnit assumption naming what to install) where Chromium is missing. */
    @BeforeEach
    void requireBrowser() {
        Browser.assumeInstalled();
    }

    @AfterAll
    static void stop() throws Exception {
        if (driver != null) {
            driver.quit();
        }
        if (publisher != null) {
            publisher.close();
        }
        if (devnet != null) {
            devnet.close();
        }
    }

    /** Publishes one message and waits until validator 0 serves its receipt; returns its id. */
    private static String publishAndAwait(String text) throws Exception {
        String id = publisher.publish(text.getBytes(StandardCharsets.UTF_8)).get(30, TimeUnit.SECONDS).toHex();
        Await.until(WAIT, "message '" + text + "' is sequenced", () -> receipt(id).statusCode() == 200);
        return id;
    }

    private static HttpResponse<String> receipt(String id) {
        try {
            return HTTP.send(HttpRequest.newBuilder(rest.resolve("/v1/messages/" + id + "/receipt"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void open() {
        driver.get(devnet.endpoints().get(0).explorer().toString());
        until("the page started", () -> "true".equals(driver.findElement(By.tagName("body")).getDomAttribute("data-ready")));
    }

    private static void until(String what, java.util.function.BooleanSupplier condition) {
        // The page re-renders its tables on every poll, so an element read a moment ago may be gone.
        new WebDriverWait(driver, WAIT).withMessage(what).ignoring(StaleElementReferenceException.class)
                .until(d -> condition.getAsBoolean());
    }

    private static String text(String id) {
        return driver.findElement(By.id(id)).getText();
    }

    private static void search(String query) {
        WebElement box = driver.findElement(By.id("search"));
        box.clear();
        box.sendKeys(query);
        driver.findElement(By.id("search-go")).click();
    }

    private static String verdict() {
        return driver.findElement(By.id("verify-result")).getDomAttribute("data-verdict");
    }

    private static Map<String, String> steps() {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        for (WebElement li : driver.findElements(By.cssSelector("#verify-steps li"))) {
            out.merge(li.getDomAttribute("data-step"), li.getDomAttribute("data-ok"), (a, b) -> "false".equals(a) ? a : b);
        }
        return out;
    }

    private static void pinChainFile() {
        Path chainFile = devnet.dataDir().resolve("network").resolve("chain.json").toAbsolutePath();
        driver.findElement(By.id("chain-file-input")).sendKeys(chainFile.toString());
        until("the chain file is pinned", () -> "true".equals(driver.findElement(By.id("trust")).getDomAttribute("data-pinned")));
    }

    @Test
    void chainStatusShowsTheDecidedHeightRoundAndStep() {
        open();
        until("status arrives", () -> text("status-height").matches("[0-9]+") && Long.parseLong(text("status-height")) >= 3);
        assertThat(text("chain-id")).isEqualTo(devnet.settings().chainId());
        assertThat(text("status-round")).matches("[0-9]+");
        assertThat(text("status-step")).matches("(PROPOSE|PREVOTE|PRECOMMIT).*");
        assertThat(text("status-quorum")).isEqualTo("3 of 4");
        assertThat(text("status-catching-up")).isEqualTo("no");
        assertThat(text("connection")).isEqualTo("live");
    }

    @Test
    void validatorsShowTheirHealthHeightAndLastVote() {
        open();
        until("four validators with votes", () -> driver.findElements(By.cssSelector("#validators tbody tr")).size() == 4
                && driver.findElements(By.cssSelector("#validators td.last-vote")).stream()
                        .filter(td -> td.getText().startsWith("precommit at height")).count() >= 3);
        until("v0 is marked as the serving node", () -> driver.findElement(By.cssSelector("#validators tr[data-index='0']"))
                .getText().contains("v0 (this node)"));
        for (int i = 1; i < 4; i++) {
            By row = By.cssSelector("#validators tr[data-index='" + i + "']");
            until("peer v" + i + " reachable with a height",
                    () -> driver.findElement(row).findElement(By.className("health")).getText().equals("reachable")
                            && driver.findElement(row).findElement(By.className("height")).getText().matches("[0-9]+.*"));
        }
    }

    @Test
    void newBlocksArriveLiveAndABlockListsItsMessages() throws Exception {
        open();
        until("blocks listed", () -> !driver.findElements(By.cssSelector("#blocks tbody tr")).isEmpty());
        long before = Long.parseLong(driver.findElements(By.cssSelector("#blocks tbody tr")).get(0).getDomAttribute("data-height"));
        String id = publishAndAwait("arrives live " + System.nanoTime());
        long height = JSON.readTree(receipt(id).body()).get("height").asLong();
        assertThat(height).isGreaterThan(before);
        By row = By.cssSelector("#blocks tbody tr[data-height='" + height + "']");
        until("block " + height + " appears without a reload", () -> !driver.findElements(row).isEmpty());
        assertThat(driver.findElement(row).getDomAttribute("class")).isEqualTo("verified");
        driver.findElement(row).click();
        until("block " + height + " shows its messages", () -> !driver.findElements(
                By.cssSelector("#block-detail[data-height='" + height + "'] #block-messages li[data-id='" + id + "']")).isEmpty());
        assertThat(driver.findElement(By.id("block-detail")).getDomAttribute("data-verified")).isEqualTo("true");
    }

    @Test
    void searchFindsABlockByHeightAndAMessageById() {
        open();
        search("2");
        until("block 2 shown", () -> "2".equals(driver.findElement(By.id("block-detail")).getDomAttribute("data-height"))
                && driver.findElement(By.id("block-summary")).getText().contains("verified in this browser"));
        search(IDS.get(1));
        until("the receipt is verified", () -> "verified".equals(verdict()));
        search("no such thing");
        assertThat(text("search-error")).contains("block height").contains("message id");
    }

    @Test
    void aReceiptIsVerifiedInTheBrowserAgainstTheLoadedChainFile() throws Exception {
        open();
        pinChainFile();
        assertThat(text("trust-source")).contains("your chain file");
        search(IDS.get(0));
        until("the receipt is verified", () -> "verified".equals(verdict()));
        assertThat(text("verify-result")).contains("explorer message 0").contains("verified in this browser");
        Map<String, String> steps = steps();
        assertThat(steps).containsKeys("decode", "chain", "committer", "vrf", "proposer", "certificate-block", "signatures",
                "quorum", "id", "index", "messages-proof", "state-proof", "fields");
        assertThat(steps.values()).containsOnly("true");
    }

    @Test
    void anAbsenceProofIsVerifiedInTheBrowser() {
        open();
        String unknown = Hex.encode(Keccak256.hash("never published".getBytes(StandardCharsets.UTF_8)));
        search(unknown);
        until("the absence is verified", () -> "absent".equals(verdict()));
        assertThat(text("verify-result")).matches("not sequenced as of height [0-9]+ \\(verified in this browser\\)");
        assertThat(steps()).containsEntry("state-proof", "true").containsEntry("signatures", "true")
                .containsEntry("vrf", "true");
    }

    /** Puts {@code body} into the page's verify form for {@code id} and runs the in-browser verification. */
    private static void verifyInPage(String id, JsonNode body) {
        ((JavascriptExecutor) driver).executeScript("document.querySelector('#verify').hidden = false;"
                + "document.querySelector('#verify details').open = true;"
                + "document.getElementById('verify-id').value = arguments[0];"
                + "document.getElementById('verify-json').value = arguments[1];", id, body.toString());
        driver.findElement(By.id("verify-run")).click();
    }

    private static String flipByteIn(String hex, String part, int byteIndex) {
        int at = hex.indexOf(part);
        assertThat(at).as("the part to tamper with is in the hex").isNotNegative();
        int pos = at + 2 * byteIndex;
        int flipped = Integer.parseInt(hex.substring(pos, pos + 2), 16) ^ 0x01;
        return hex.substring(0, pos) + String.format("%02x", flipped) + hex.substring(pos + 2);
    }

    @Test
    void aTamperedReceiptIsShownAsFailingAtTheCheckThatCatchesIt() throws Exception {
        open();
        String id = IDS.get(2);
        JsonNode genuine = JSON.readTree(receipt(id).body());
        verifyInPage(id, genuine);
        until("the genuine receipt verifies", () -> "verified".equals(verdict()));

        ObjectNode proofFlipped = genuine.deepCopy();
        ArrayNode stateProof = (ArrayNode) proofFlipped.get("stateProof");
        String last = stateProof.get(stateProof.size() - 1).asText();
        stateProof.set(stateProof.size() - 1, flipByteIn(last, last, last.length() / 2 - 1));
        verifyInPage(id, proofFlipped);
        until("a flipped proof byte fails", () -> "failed".equals(verdict()));
        assertThat(steps()).containsEntry("state-proof", "false").containsEntry("signatures", "true");

        ObjectNode signatureFlipped = genuine.deepCopy();
        String signature = genuine.at("/certificate/signatures/0/signature").asText();
        ((ObjectNode) signatureFlipped.get("certificate")).put("rlp",
                flipByteIn(genuine.at("/certificate/rlp").asText(), signature, 5));
        verifyInPage(id, signatureFlipped);
        until("a flipped signature byte fails", () -> "failed".equals(verdict()));
        assertThat(steps()).containsEntry("signatures", "false").containsEntry("vrf", "true")
                .containsEntry("state-proof", "true");

        ObjectNode vrfFlipped = genuine.deepCopy();
        String pi = genuine.at("/header/commitmentPi").asText();
        ((ObjectNode) vrfFlipped.get("header")).put("rlp", flipByteIn(genuine.at("/header/rlp").asText(), pi, 40));
        verifyInPage(id, vrfFlipped);
        until("a flipped VRF proof byte fails", () -> "failed".equals(verdict()));
        assertThat(steps()).containsEntry("vrf", "false").containsEntry("certificate-block", "false");
    }

    @Test
    void theChartPlotsThroughputAndTimeToFinalityOfBlocksSeenLive() throws Exception {
        open();
        until("blocks listed", () -> !driver.findElements(By.cssSelector("#blocks tbody tr")).isEmpty());
        for (int i = 0; i < 3; i++) {
            publishAndAwait("chart " + i + " " + System.nanoTime());
        }
        until("both lines drawn", () -> {
            String rate = driver.findElement(By.cssSelector("#chart path.rate")).getDomAttribute("d");
            String ttf = driver.findElement(By.cssSelector("#chart path.ttf")).getDomAttribute("d");
            return rate != null && rate.contains("L") && ttf != null && !ttf.isEmpty();
        });
        assertThat(driver.findElement(By.cssSelector("#chart text.ttf")).getText()).matches("time to finality [0-9]+ ms.*");
        assertThat(driver.findElement(By.cssSelector("#chart text.rate")).getText()).matches("finalized msg/s [0-9.]+ .*");

        // The README's picture: this page, with a receipt verified.
        search(IDS.get(0));
        until("the receipt is verified", () -> "verified".equals(verdict()));
        Files.createDirectories(Path.of("target"));
        Files.write(Path.of("target", "explorer-screenshot.png"), driver.getScreenshotAs(OutputType.BYTES));
    }

    @Test
    void theInBrowserEcvrfAndEd25519PassTheRfcVectors() throws Exception {
        open();
        JsonNode vectors = JSON.readTree(Files.readString(Path.of("../../sequencer-node/core/src/test/resources/vectors.json")));
        Object result = ((JavascriptExecutor) driver).executeAsyncScript(
                "const [vectors, done] = arguments;"
                + "Promise.all([import('/explorer/js/ecvrf.js'), import('/explorer/js/ed25519.js'), import('/explorer/js/bytes.js')])"
                + ".then(([ecvrf, ed, b]) => {"
                + "  const out = [];"
                + "  const E = vectors.ecvrf_edwards25519_sha512_tai;"
                + "  for (const t of E.vectors) {"
                + "    const beta = ecvrf.verify(b.hexToBytes(t.PK), b.hexToBytes(t.pi), b.hexToBytes(t.alpha));"
                + "    const h = ecvrf.encodeToCurve(b.hexToBytes(t.PK), b.hexToBytes(t.alpha));"
                + "    out.push(t.name + ': ' + (beta !== null && b.bytesToHex(beta) === t.beta && b.bytesToHex(h.toBytes()) === t.H));"
                + "  }"
                + "  for (const [group, g] of Object.entries(E.other_versions_and_suites)) {"
                + "    for (const t of (Array.isArray(g.vectors) ? g.vectors : [])) {"
                + "      if (t.pi && t.PK) out.push(group + ' rejected: '"
                + "          + (ecvrf.verify(b.hexToBytes(t.PK), b.hexToBytes(t.pi), b.hexToBytes(t.alpha || '')) === null));"
                + "    }"
                + "  }"
                + "  for (const t of vectors.ed25519_rfc8032.vectors) {"
                + "    const sig = b.hexToBytes(t.SIGNATURE);"
                + "    const ok = ed.verify(b.hexToBytes(t.PUBLIC_KEY), b.hexToBytes(t.MESSAGE), sig);"
                + "    sig[7] ^= 1;"
                + "    out.push('ed25519 ' + t.name + ': ' + (ok && !ed.verify(b.hexToBytes(t.PUBLIC_KEY), b.hexToBytes(t.MESSAGE), sig)));"
                + "  }"
                + "  done(out);"
                + "}).catch((e) => done(['error: ' + e]));",
                JSON.convertValue(vectors, Map.class));
        @SuppressWarnings("unchecked")
        List<String> lines = (List<String>) result;
        assertThat(lines).filteredOn(l -> l.startsWith("RFC 9381")).hasSize(3).allMatch(l -> l.endsWith(": true"));
        assertThat(lines).filteredOn(l -> l.contains("rejected")).hasSizeGreaterThanOrEqualTo(6)
                .allMatch(l -> l.endsWith(": true"));
        assertThat(lines).filteredOn(l -> l.startsWith("ed25519")).hasSize(5).allMatch(l -> l.endsWith(": true"));
    }

    @Test
    void thePageLoadsNothingFromAnotherOrigin() {
        open();
        until("blocks listed", () -> !driver.findElements(By.cssSelector("#blocks tbody tr")).isEmpty());
        @SuppressWarnings("unchecked")
        List<String> loaded = (List<String>) ((JavascriptExecutor) driver).executeScript(
                "return performance.getEntriesByType('resource').map(e => e.name);");
        String origin = rest.toString().replaceAll("/+$", "");
        assertThat(loaded).isNotEmpty().allMatch(u -> u.startsWith(origin + "/"), "served by the node itself");
        assertThat(loaded).anyMatch(u -> u.contains("/explorer/vendor/noble-curves-2.4.0/ed25519.js"));
    }
}
