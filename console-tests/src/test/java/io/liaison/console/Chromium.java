package io.liaison.console;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Playwright;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Debian's Chromium, driven by Playwright. Playwright's own browser download does not work on
 * this project's machines, so the tests use the system's browser: /usr/bin/chromium, or the
 * executable the CHROMIUM environment variable names.
 */
final class Chromium {
    static final String DEFAULT = "/usr/bin/chromium";

    private Chromium() {}

    /** The browser's executable; fails (never skips) when there is none, saying how to install it. */
    static Path executable() {
        String configured = System.getenv("CHROMIUM");
        Path path = Path.of(configured != null && !configured.isBlank() ? configured : System.getProperty("liaison.chromium", DEFAULT));
        if (!Files.isExecutable(path)) {
            throw new IllegalStateException("The browser tests need Chromium, and " + path + " is not there"
                    + " (or not executable). Install it with `apt-get update && apt-get install -y chromium`,"
                    + " or set CHROMIUM to a Chromium or Chrome executable.");
        }
        return path;
    }

    /** Playwright without its browser download (the tests bring their own browser). */
    static Playwright playwright() {
        return Playwright.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
    }

    /** Headless Chromium; --no-sandbox because the tests run as root here. */
    static Browser launch(Playwright playwright) {
        return playwright.chromium().launch(new BrowserType.LaunchOptions()
                .setExecutablePath(executable())
                .setHeadless(true)
                .setArgs(List.of("--no-sandbox")));
    }
}
