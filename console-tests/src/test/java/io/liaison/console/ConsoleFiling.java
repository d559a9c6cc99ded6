package io.liaison.console;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import io.liaison.local.LocalBroker;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.Map;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

/** The filing form as a requester fills it: the README's subscriber-data request to Germany under Budapest Art. 31. */
final class ConsoleFiling {
    private ConsoleFiling() {}

    /** Opens the form and fills it, up to (not including) the click on "File request". */
    static Page fillSubscriberDataRequest(Console console, String caseReference, String email) {
        Page page = console.page();
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("File a request").setExact(true)).click();
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("File a request").setLevel(1))).isVisible();
        page.getByLabel("Type of request").selectOption("subscriber_data");
        page.getByLabel("Target jurisdiction").selectOption("DE");
        page.getByRole(AriaRole.RADIO, new Page.GetByRoleOptions().setName("Budapest Convention (ETS 185)")).check();
        page.getByRole(AriaRole.TEXTBOX, new Page.GetByRoleOptions().setName("Article").setExact(true)).fill("31");
        page.getByLabel("Case reference").fill(caseReference);
        page.getByLabel("Offence").fill("Ransomware attack on a hospital network");
        page.getByLabel("Summary of facts").fill("The ransom note named a mailbox at a German provider.");
        Locator identifier = page.getByRole(AriaRole.GROUP, new Page.GetByRoleOptions().setName("Identifier 1").setExact(true));
        identifier.getByLabel("Type").selectOption("email");
        identifier.getByLabel("Value").fill(email);
        identifier.getByLabel("Value").press("Tab"); // its check shows on leaving the field: let the page settle before the next click
        page.getByRole(AriaRole.CHECKBOX, new Page.GetByRoleOptions().setName("Subscriber").setExact(true)).check();
        page.getByLabel("Necessity statement").fill("The subscriber behind the mailbox is the only lead to the intruders.");
        page.getByLabel("Urgency").selectOption("routine");
        page.getByRole(AriaRole.RADIO, new Page.GetByRoleOptions().setName("TLP:AMBER").setExact(true)).check();
        return page;
    }

    /**
     * Opens the form and fills the README's preservation request to Germany under Budapest Art. 29
     * (type preservation, urgent, ETS_185), up to (not including) any click on "Preview routing" or
     * "File request".
     */
    static Page fillPreservationRequest(Console console, String caseReference) {
        Page page = console.page();
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("File a request").setExact(true)).click();
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("File a request").setLevel(1))).isVisible();
        page.getByLabel("Type of request").selectOption("preservation");
        page.getByLabel("Target jurisdiction").selectOption("DE");
        page.getByRole(AriaRole.RADIO, new Page.GetByRoleOptions().setName("Budapest Convention (ETS 185)")).check();
        page.getByRole(AriaRole.TEXTBOX, new Page.GetByRoleOptions().setName("Article").setExact(true)).fill("29");
        page.getByLabel("Case reference").fill(caseReference);
        page.getByLabel("Offence").fill("Computer sabotage and extortion (ransomware attack on a hospital)");
        page.getByLabel("Summary of facts").fill("The operators logged in from addresses of a hosting provider in Frankfurt am Main.");
        Locator identifier = page.getByRole(AriaRole.GROUP, new Page.GetByRoleOptions().setName("Identifier 1").setExact(true));
        identifier.getByLabel("Type").selectOption("domain");
        identifier.getByLabel("Value").fill("leak-portal.example");
        identifier.getByLabel("Value").press("Tab");
        page.getByRole(AriaRole.CHECKBOX, new Page.GetByRoleOptions().setName("Traffic").setExact(true)).check();
        page.getByLabel("Necessity statement").fill("The provider keeps connection logs for a short time only.");
        page.getByLabel("Urgency").selectOption("urgent");
        page.getByRole(AriaRole.RADIO, new Page.GetByRoleOptions().setName("TLP:AMBER").setExact(true)).check();
        return page;
    }

    /** Clicks "Preview routing" and returns the preview once it shows where the request would go. */
    static Locator preview(Page page) {
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Preview routing").setExact(true)).click();
        Locator preview = page.getByRole(AriaRole.REGION, new Page.GetByRoleOptions().setName("Where it would go").setExact(true));
        assertThat(preview.getByText(java.util.regex.Pattern.compile("^It (would go to|could not be routed)"))).isVisible();
        return preview;
    }

    static Locator fileButton(Page page) {
        return page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("File request").setExact(true));
    }

    /** Files the request and returns its id, from the page the console opens for it. */
    static String fileSubscriberDataRequest(Console console, String caseReference) {
        Page page = fillSubscriberDataRequest(console, caseReference, "ransom@example.de");
        fileButton(page).click();
        page.waitForURL(url -> url.matches(".*#/requests/[0-9a-f-]{36}$"));
        return RequestPathTest.requestId(page);
    }

    /** How many requests the table holds (every agency's): what a refused or repeated filing must not change. */
    static int storedRequests(LocalBroker broker) {
        return broker.dynamoDb().scanPaginator(s -> s.tableName(broker.tableName()).filterExpression("SK = :r")
                        .expressionAttributeValues(Map.of(":r", AttributeValue.fromS("REQUEST"))))
                .items().stream().mapToInt(i -> 1).sum();
    }
}
