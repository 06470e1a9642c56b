package dev.maa.server;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Headless Chromium for the browser tests (Debian's chromium + chromium-driver, no downloads). The tests run by
 * default and fail when the browser is missing; {@code -Dmaa.browser.tests=false} skips them.
 */
final class Chromium {

    private static final Path CHROMEDRIVER = Path.of(System.getProperty("maa.chromedriver", "/usr/bin/chromedriver"));
    private static final Path CHROMIUM = Path.of(System.getProperty("maa.chromium", "/usr/bin/chromium"));

    private Chromium() {}

    /** A new headless browser with its profile under {@code dir}; skips the test when browser tests are off. */
    static WebDriver start(Path dir) throws IOException {
        assumeTrue(
                !"false".equals(System.getProperty("maa.browser.tests")),
                "browser tests disabled with -Dmaa.browser.tests=false");
        if (!Files.isExecutable(CHROMEDRIVER) || !Files.isExecutable(CHROMIUM)) {
            fail("The console browser test needs Debian's chromium and chromium-driver (" + CHROMIUM + ", "
                    + CHROMEDRIVER + "); install them with: apt-get install -y chromium chromium-driver."
                    + " On a machine without a browser run with -Dmaa.browser.tests=false.");
        }
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--window-size=1280,1000",
                "--user-data-dir=" + Files.createDirectories(dir));
        return new ChromeDriver(service, options);
    }
}
