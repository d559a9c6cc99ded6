package io.liaison.console;

import com.microsoft.playwright.Page;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * axe-core in the page: the rules of WCAG 2.0 and 2.1, levels A and AA. A serious or critical
 * violation fails, naming each rule and the elements it found.
 */
final class Axe {
    /** Copied from console/node_modules (the version console/package-lock.json pins) by this module's build. */
    private static final String SCRIPT = "/axe-core/axe.min.js";

    private static final String RUN = """
            async () => {
              const result = await axe.run(document, {
                runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
                resultTypes: ["violations"],
              });
              return result.violations
                .filter((v) => v.impact === "serious" || v.impact === "critical")
                .map((v) => ({ id: v.id, impact: v.impact, help: v.help,
                               targets: v.nodes.map((n) => n.target.join(" ")).join(", ") }));
            }
            """;

    private static String source;

    private Axe() {}

    static void assertNoSeriousViolations(Page page) {
        // Evaluated rather than added as a <script>: the console's CSP (script-src 'self') refuses inline scripts,
        // and the test must not switch the policy off to look at the page.
        if (!Boolean.TRUE.equals(page.evaluate("() => typeof axe !== 'undefined'"))) page.evaluate(source());
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> violations = (List<Map<String, Object>>) page.evaluate(RUN);
        if (!violations.isEmpty()) {
            throw new AssertionError("axe-core: " + violations.size() + " serious or critical violation(s) on " + page.url() + "\n"
                    + violations.stream().map(v -> "  " + v.get("id") + " (" + v.get("impact") + "): " + v.get("help")
                            + "\n    at " + v.get("targets")).collect(Collectors.joining("\n")));
        }
    }

    private static synchronized String source() {
        if (source == null) {
            try (InputStream in = Axe.class.getResourceAsStream(SCRIPT)) {
                if (in == null) {
                    throw new IllegalStateException("axe-core is not on the test classpath (" + SCRIPT + "): it comes from the"
                            + " console build's npm ci; build with it: ./mvnw -pl console-tests -am verify");
                }
                source = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return source;
    }
}
