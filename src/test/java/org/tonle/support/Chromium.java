package org.tonle.support;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Playwright;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;

/**
 * Debian's Chromium, headless, driven by Playwright: one browser for the whole test run, a fresh
 * context (cookies, storage, service workers) per test. Without Chromium the browser tests are
 * skipped, except under CI ({@code TONLE_REQUIRE_BROWSER=1}), where that is a failure.
 */
public final class Chromium {

    private static final Path EXECUTABLE = Path.of("/usr/bin/chromium");
    private static Playwright playwright;
    private static Browser browser;

    private Chromium() {
    }

    public static synchronized Browser browser() {
        boolean present = Files.isExecutable(EXECUTABLE);
        if (!present && "1".equals(System.getenv("TONLE_REQUIRE_BROWSER"))) {
            throw new IllegalStateException("the browser tests need Chromium at " + EXECUTABLE + " (apt-get install chromium)");
        }
        Assumptions.assumeTrue(present, "Chromium is not installed at " + EXECUTABLE + "; browser tests skipped");
        if (browser == null) {
            playwright = Playwright.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
            browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                    .setExecutablePath(EXECUTABLE)
                    .setHeadless(true)
                    .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-background-networking",
                            "--disable-component-update", "--disable-sync", "--no-first-run")));
            Runtime.getRuntime().addShutdownHook(new Thread(Chromium::close));
        }
        return browser;
    }

    /** A new phone: a small screen, touch, its own storage; service workers allowed. */
    public static BrowserContext phone(String baseUrl) {
        return browser().newContext(new Browser.NewContextOptions()
                .setBaseURL(baseUrl)
                .setViewportSize(412, 915)
                .setDeviceScaleFactor(1)
                .setIsMobile(true)
                .setHasTouch(true)
                .setLocale("km-KH"));
    }

    /** An analyst's desktop screen. */
    public static BrowserContext desktop(String baseUrl) {
        return browser().newContext(new Browser.NewContextOptions().setBaseURL(baseUrl).setViewportSize(1280, 900).setLocale("en-GB"));
    }

    private static synchronized void close() {
        if (playwright != null) {
            playwright.close();
            playwright = null;
            browser = null;
        }
    }
}
