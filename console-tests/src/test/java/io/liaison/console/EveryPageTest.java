package io.liaison.console;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.LoadState;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.Test;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every page of every role, as it first opens: it has its heading, axe-core finds no serious or
 * critical WCAG 2.1 A/AA violation, and the Content-Security-Policy blocked nothing. The pages of a
 * request, a review and a trail are covered with data in {@link RequestPathTest}.
 */
@ConsoleTest
class EveryPageTest {
    @ParameterizedTest(name = "{0} {1}: {2}")
    @CsvSource({
            "nl-police, /requests, My requests",
            "nl-police, /requests/new, File a request",
            "de-ca, /inbox, Inbox",
            "de-dpo, /reviews, Review queue",
            "auditor, /trails, Audit trails",
            "auditor, /events, Audit events by day",
            "auditor, /export, Export and public key",
            "admin, /policy, Release policy",
            "admin, /policy/new, Upload a new policy version",
            "admin, /channels, Notice channels",
            "admin, /channels/new, Register a notice channel",
            "nl-police, /directory, Directory of contact points",
            "de-ca, /directory, Directory of contact points",
            "de-dpo, /directory, Directory of contact points",
            "auditor, /directory, Directory of contact points",
            "auditor, /revisions/directory, Directory revisions",
            "auditor, /revisions/routing-rules, Routing rules revisions",
            "auditor, /revisions/directory/1, Directory revision 1",
            "admin, /directory, Directory of contact points",
            "de-admin, /directory/DE-CSIRT/edit, Edit contact point DE-CSIRT",
            "de-admin, /directory/DE-CSIRT/unavailable, Mark DE-CSIRT unavailable",
            "de-admin, /directory/new, Add a contact point",
            "de-admin, /directory/transfer, Import or export the directory",
            "admin, /rules, Routing rules",
            "admin, /rules/propose, Propose a change to the routing rules",
            "admin, /revisions/directory, Directory revisions",
    })
    void opensWithItsHeading_andPassesAxe(String login, String path, String heading, Console console) {
        Page page = console.signInAs(login);

        page.navigate("/#" + path);

        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName(heading).setLevel(1).setExact(true)))
                .isVisible();
        page.waitForLoadState(LoadState.NETWORKIDLE);
        console.assertAccessible();
        assertThat(console.policyViolations()).isEmpty();
        // Each page as it opens, to look at (target/screenshots/pages/).
        console.screenshot(java.nio.file.Path.of(System.getProperty("liaison.screenshots", "target/screenshots"), "pages",
                (login + path).replaceAll("[^A-Za-z0-9-]+", "_") + ".png"), true);
    }

    @Test
    void theConsolesJavaScriptAndCss_areAtMost150KbGzipped() {
        // What index.html loads: the bundle and its style sheet (Vite names them assets/index-<hash>.js/.css).
        String index = new String(read("index.html"), java.nio.charset.StandardCharsets.UTF_8);
        java.util.List<String> assets = java.util.regex.Pattern.compile("assets/[^\"]+\\.(?:js|css)").matcher(index)
                .results().map(java.util.regex.MatchResult::group).distinct().toList();
        assertThat(assets).as("scripts and styles index.html loads").isNotEmpty();
        long total = assets.stream().mapToLong(EveryPageTest::gzipped).sum();
        assertThat(total).as("gzipped bytes of the console's scripts and styles").isPositive().isLessThanOrEqualTo(150 * 1024);
    }

    private static long gzipped(String name) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(read(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.size();
    }

    private static byte[] read(String name) {
        try (InputStream in = EveryPageTest.class.getResourceAsStream("/console/" + name)) {
            if (in == null) throw new AssertionError("the console build has no " + name);
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
