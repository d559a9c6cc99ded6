package io.liaison.console;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import io.liaison.local.LocalBroker;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's walkthrough, by clicking only, one role after another: NL files a subscriber-data
 * request to DE; DE's central authority accepts it and answers with a special-category record, a
 * third party's e-mail and a content record nobody asked for; DE's data-protection officer approves
 * the held answer; NL reads it with the e-mail pseudonymised and the content withheld; the auditor
 * verifies the trail, and after an event is edited in the table sees which event broke. Every page
 * on the way passes axe-core.
 */
@ConsoleTest
class RequestPathTest {
    private static final Pattern REQUEST_URL = Pattern.compile("#/requests/([0-9a-f-]{36})");

    @Test
    void aRequestFromFilingToVerifiedTrail_throughEveryRolesPages(Console console, LocalBroker broker) {
        Page page = console.signInAs("nl-police");
        String id = ConsoleFiling.fileSubscriberDataRequest(console, "NL-THTC-2026-0815");
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Subscriber data request to Germany (DE)")))
                .isVisible();
        console.assertAccessible();

        // DE's central authority accepts and answers
        Walkthrough.switchTo(console, "de-ca");
        Locator answer = Walkthrough.acceptAndAnswer(console, id);
        console.assertAccessible();
        Walkthrough.send(console, answer);

        // DE's data-protection officer approves the held answer
        Walkthrough.switchTo(console, "de-dpo");
        Walkthrough.openHeldAnswer(console, id);
        console.assertAccessible();
        page.getByLabel("Reason for your decision").fill("Needed for the investigation; Art. 10 LED conditions met");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Approve and release")).click();
        assertThat(page.getByText("Approved: the answer is released to the requester.")).isVisible();

        // NL reads the answer as the gate decided
        Walkthrough.switchTo(console, "nl-police");
        page.navigate("/#/requests/" + id);
        Locator answers = page.getByRole(AriaRole.REGION, new Page.GetByRoleOptions().setName("Answers").setExact(true));
        assertThat(answers.locator(".redacted.pseudonym")).isVisible();
        assertThat(answers).not().containsText("bystander@example.org");
        assertThat(answers).not().containsText("the key is under the mat");
        assertThat(answers).containsText("registered as disabled");
        console.assertAccessible();

        // The auditor verifies the trail, then finds the event someone edited in the table
        Walkthrough.switchTo(console, "auditor");
        Walkthrough.verifyTrail(console, id);
        assertThat(page.getByRole(AriaRole.STATUS).filter(new Locator.FilterOptions().setHasText("Valid."))).isVisible();
        console.assertAccessible();

        broker.dynamoDb().updateItem(u -> u.tableName(broker.tableName())
                .key(Map.of("PK", AttributeValue.fromS("REQ#" + id), "SK", AttributeValue.fromS("EVENT#0000000002")))
                .updateExpression("SET actorOrganisation = :o")
                .expressionAttributeValues(Map.of(":o", AttributeValue.fromS("someone else"))));
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Verify the trail")).click();
        assertThat(page.getByRole(AriaRole.ALERT).filter(new Locator.FilterOptions().setHasText("Broken at event 2"))).isVisible();
        console.assertAccessible();
    }

    static String requestId(Page page) {
        Matcher m = REQUEST_URL.matcher(page.url());
        assertThat(m.find()).as("a request's page, not %s", page.url()).isTrue();
        return m.group(1);
    }
}
