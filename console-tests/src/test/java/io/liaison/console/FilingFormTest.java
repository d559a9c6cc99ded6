package io.liaison.console;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import io.liaison.local.LocalBroker;
import org.junit.jupiter.api.Test;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/** Filing through the form: the API's field errors beside the fields, one request per form, and each requester's own scope. */
@ConsoleTest
class FilingFormTest {
    @Test
    void aBadIdentifier_showsTheApisErrorBesideTheField_keepsWhatWasTyped_andFilesNothing(Console console, LocalBroker broker) {
        console.signInAs("nl-police");
        int before = ConsoleFiling.storedRequests(broker);
        Page page = ConsoleFiling.fillSubscriberDataRequest(console, "NL-THTC-2026-0901", "not an address");

        ConsoleFiling.fileButton(page).click();

        Locator value = page.getByRole(AriaRole.GROUP, new Page.GetByRoleOptions().setName("Identifier 1").setExact(true)).getByLabel("Value");
        assertThat(value).hasAttribute("aria-invalid", "true");
        assertThat(value).hasAccessibleDescription(java.util.regex.Pattern.compile("is not an e-mail address"));
        assertThat(value).hasValue("not an address");
        assertThat(page.getByLabel("Case reference")).hasValue("NL-THTC-2026-0901");
        assertThat(ConsoleFiling.storedRequests(broker)).isEqualTo(before);
        console.assertAccessible();
    }

    @Test
    void aPreviewOfADraftWithABadIdentifier_showsTheApisErrorBesideTheField_asFilingWould_andStoresNothing(Console console,
                                                                                                         LocalBroker broker) {
        console.signInAs("nl-police");
        int before = ConsoleFiling.storedRequests(broker);
        Page page = ConsoleFiling.fillSubscriberDataRequest(console, "NL-THTC-2026-0904", "not an address");

        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Preview routing").setExact(true)).click();

        Locator value = page.getByRole(AriaRole.GROUP, new Page.GetByRoleOptions().setName("Identifier 1").setExact(true)).getByLabel("Value");
        assertThat(value).hasAttribute("aria-invalid", "true");
        assertThat(value).hasAccessibleDescription(java.util.regex.Pattern.compile("is not an e-mail address"));
        assertThat(page.getByRole(AriaRole.REGION, new Page.GetByRoleOptions().setName("Where it would go")))
                .not().containsText("It would go to");
        assertThat(ConsoleFiling.storedRequests(broker)).isEqualTo(before);
        console.assertAccessible();
    }

    @Test
    void twoClicksOnFile_fileOneRequest(Console console, LocalBroker broker) {
        console.signInAs("nl-police");
        int before = ConsoleFiling.storedRequests(broker);
        Page page = ConsoleFiling.fillSubscriberDataRequest(console, "NL-THTC-2026-0902", "twice@example.de");

        ConsoleFiling.fileButton(page).dblclick();

        page.waitForURL(url -> url.matches(".*#/requests/[0-9a-f-]{36}$"));
        page.waitForTimeout(500); // a second filing, were there one, would land meanwhile
        assertThat(ConsoleFiling.storedRequests(broker)).isEqualTo(before + 1);
    }

    @Test
    void aFrenchRequester_seesNoneOfNlsRequests_andNlsRequestIsNotFound(Console console) {
        console.signInAs("nl-police");
        String id = ConsoleFiling.fileSubscriberDataRequest(console, "NL-THTC-2026-0903");
        console.signOutButton().click();

        Page page = console.signInAs("fr-police");
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("My requests").setLevel(1))).isVisible();
        assertThat(page.getByRole(AriaRole.MAIN)).not().containsText(id.substring(0, 8));
        console.assertAccessible();

        page.navigate("/#/requests/" + id);
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Not found").setLevel(1))).isVisible();
        assertThat(page.getByRole(AriaRole.MAIN)).not().containsText("NL-THTC-2026-0903");
        console.assertAccessible();
    }
}
