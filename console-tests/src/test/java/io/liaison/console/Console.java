package io.liaison.console;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import com.microsoft.playwright.options.AriaRole;
import io.liaison.local.DemoUsers;
import io.liaison.local.LocalBroker;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The console in one browser context, as one person at one browser: a test signs in by clicking,
 * as a person would, and looks at the page through roles and accessible names (what a screen
 * reader announces), not CSS classes.
 */
public final class Console implements AutoCloseable {
    private final LocalBroker broker;
    private final BrowserContext context;
    private final Page page;
    private final List<String> policyViolations = new CopyOnWriteArrayList<>();

    Console(LocalBroker broker, Browser browser) {
        this.broker = broker;
        this.context = browser.newContext(new Browser.NewContextOptions()
                .setBaseURL(broker.baseUrl() + "/")
                .setViewportSize(1280, 800)
                .setLocale("en-GB")
                .setTimezoneId("Europe/Amsterdam"));
        this.page = context.newPage();
        // The console has no inline script or style; the server's CSP would block one, and Chromium says so here.
        page.onConsoleMessage(message -> {
            if (message.type().equals("error") && message.text().contains("Content Security Policy")) {
                policyViolations.add(message.text());
            }
        });
    }

    public Page page() {
        return page;
    }

    public LocalBroker broker() {
        return broker;
    }

    /** The demo user the local dev issuer knows by {@code login} (nl-police, de-poc247, de-dpo, auditor, admin…). */
    public DemoUsers.User user(String login) {
        return broker.users().stream().filter(u -> u.login().equals(login)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no demo user " + login + "; GET /dev/users lists them"));
    }

    /** Opens the console signed out: the sign-in page with the demo users. */
    public Page openSignIn() {
        page.navigate("/");
        PlaywrightAssertions.assertThat(signInHeading()).isVisible();
        PlaywrightAssertions.assertThat(page.getByRole(AriaRole.BUTTON).first()).isVisible();
        return page;
    }

    public Locator signInHeading() {
        return page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Sign in to Liaison").setLevel(1));
    }

    /** Signs in as the demo user {@code login} by clicking its button, and waits until the console shows who is signed in. */
    public Page signInAs(String login) {
        openSignIn();
        DemoUsers.User user = user(login);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(user.name()).setExact(true)).click();
        try {
            PlaywrightAssertions.assertThat(signOutButton()).isVisible();
        } catch (AssertionError e) {
            throw new AssertionError("after a click on \"" + user.name() + "\" the console shows no one signed in"
                    + " (no \"Sign out\" button; page " + page.url() + ")", e);
        }
        return page;
    }

    public Locator signOutButton() {
        return page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign out").setExact(true));
    }

    /** Fails when axe-core finds a serious or critical WCAG 2.1 A/AA violation on the page as it is now. */
    public void assertAccessible() {
        Axe.assertNoSeriousViolations(page);
    }

    /** What Chromium reported as blocked by the Content-Security-Policy so far. */
    public List<String> policyViolations() {
        return List.copyOf(policyViolations);
    }

    /** The whole page, or with {@code fullPage} false what the 1280×800 window shows. */
    public void screenshot(Path file, boolean fullPage) {
        page.screenshot(new Page.ScreenshotOptions().setPath(file).setFullPage(fullPage));
    }

    @Override
    public void close() {
        context.close();
    }
}
