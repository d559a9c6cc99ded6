package io.liaison.console;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Playwright;
import io.liaison.local.LocalBroker;

/**
 * What the browser tests run against: the local broker on free ports (the console is served on
 * its origin, as by ./run-local) and one Chromium, shared by every test; each test has a browser
 * context of its own ({@link Console}), so no session leaks from one test into the next.
 */
final class ConsoleRun implements AutoCloseable {
    private final LocalBroker broker;
    private final Playwright playwright;
    private final Browser browser;

    private ConsoleRun(LocalBroker broker, Playwright playwright, Browser browser) {
        this.broker = broker;
        this.playwright = playwright;
        this.browser = browser;
    }

    static ConsoleRun start() {
        Chromium.executable(); // before the broker starts: say at once what is missing
        LocalBroker broker = LocalBroker.start(LocalBroker.Options.defaults().withPorts(0, 0));
        Playwright playwright = null;
        try {
            playwright = Chromium.playwright();
            return new ConsoleRun(broker, playwright, Chromium.launch(playwright));
        } catch (RuntimeException e) {
            if (playwright != null) playwright.close();
            broker.close();
            throw e;
        }
    }

    LocalBroker broker() {
        return broker;
    }

    /** A fresh browser context (no cookies, no storage, no session) on the console. */
    Console open() {
        return new Console(broker, browser);
    }

    @Override
    public void close() {
        try {
            browser.close();
            playwright.close();
        } finally {
            broker.close();
        }
    }
}
