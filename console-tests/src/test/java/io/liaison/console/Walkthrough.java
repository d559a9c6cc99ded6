package io.liaison.console;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;

import java.util.regex.Pattern;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

/** The README walkthrough's steps as each role clicks them, for the browser tests and the README's pictures. */
final class Walkthrough {
    private Walkthrough() {}

    static void switchTo(Console console, String login) {
        if (console.signOutButton().isVisible()) console.signOutButton().click();
        console.signInAs(login);
    }

    /**
     * DE-CA (signed in) accepts request {@code id} and answers it with a special-category record, a
     * third party's e-mail and a content record nobody asked for: the gate holds it for review.
     */
    static Locator acceptAndAnswer(Console console, String id) {
        Page page = console.page();
        page.navigate("/#/requests/" + id);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Accept request")).click();
        Locator answer = page.getByRole(AriaRole.REGION, new Page.GetByRoleOptions().setName("Answer with records"));
        assertThat(answer).isVisible();
        record(answer, 1, "subscriber", "data_subject", true, "healthNote", "registered as disabled");
        answer.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Add a record")).click();
        record(answer, 2, "subscriber", "third_party", false, "email", "bystander@example.org");
        answer.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Add a record")).click();
        record(answer, 3, "content", "data_subject", false, "message", "the key is under the mat");
        return answer;
    }

    static void send(Console console, Locator answer) {
        answer.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Send answer")).click();
        assertThat(console.page().getByText(Pattern.compile("Answer \\d+ sent: Held for review by a data-protection officer")).first())
                .isVisible();
    }

    /** A data-protection officer (signed in) opens the held answer of request {@code id} from the review queue. */
    static void openHeldAnswer(Console console, String id) {
        Page page = console.page();
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Review queue")).click();
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName(Pattern.compile("Response \\d+ to request " + id))).click();
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("The gate's findings"))).isVisible();
    }

    /** An auditor (signed in) opens the trail of request {@code id} and verifies it. */
    static void verifyTrail(Console console, String id) {
        Page page = console.page();
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Trails").setExact(true)).click();
        page.getByLabel("Request id").fill(id);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Open trail")).click();
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Verify the trail")).click();
    }

    private static void record(Locator answer, int n, String category, String owner, boolean special, String field, String value) {
        Locator record = answer.getByRole(AriaRole.GROUP, new Locator.GetByRoleOptions().setName("Record " + n).setExact(true));
        record.getByLabel("Data category").selectOption(category);
        record.getByLabel("Whose data").selectOption(owner);
        if (special) record.getByLabel("Special category of personal data").check();
        record.getByLabel("Field 1 name").fill(field);
        record.getByLabel("Field 1 value").fill(value);
    }
}
