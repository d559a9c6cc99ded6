package io.liaison.console;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import com.microsoft.playwright.Route;
import com.microsoft.playwright.options.AriaRole;
import io.liaison.local.DemoUsers;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Locally, the console signs in with the dev issuer's demo users: one button per user, grouped
 * under a heading per role, one click to be that user. A token the API refuses signs out.
 */
@ConsoleTest
class SignInTest {
    /** The role headings of the sign-in page, by the role codes of the API's tokens. */
    private static final Map<String, String> ROLE_HEADINGS = new LinkedHashMap<>();
    static {
        ROLE_HEADINGS.put("requester", "Requester");
        ROLE_HEADINGS.put("contact_point", "Contact point");
        ROLE_HEADINGS.put("dpo", "Data-protection officer");
        ROLE_HEADINGS.put("auditor", "Auditor");
        ROLE_HEADINGS.put("admin", "Administrator");
    }

    @Test
    void theSignInPage_listsEveryDemoUser_underTheHeadingOfItsRole(Console console) {
        Page page = console.openSignIn();

        for (Map.Entry<String, String> role : ROLE_HEADINGS.entrySet()) {
            List<String> expected = console.broker().users().stream()
                    .filter(u -> u.role().equals(role.getKey())).map(DemoUsers.User::name).toList();
            Locator group = page.getByRole(AriaRole.REGION, new Page.GetByRoleOptions().setName(role.getValue()).setExact(true));
            assertThat(group.getByRole(AriaRole.HEADING, new Locator.GetByRoleOptions().setName(role.getValue()).setExact(true))).isVisible();

            List<String> buttons = group.getByRole(AriaRole.BUTTON).allInnerTexts().stream().map(String::trim).toList();

            assertThat(expected).as("demo users of role %s", role.getKey()).isNotEmpty();
            assertThat(buttons).as("buttons under %s", role.getValue()).containsExactlyElementsOf(expected);
        }
        assertThat(page.getByRole(AriaRole.BUTTON).count()).as("one button per demo user").isEqualTo(console.broker().users().size());
    }

    @Test
    void theSignInPage_hasNoSeriousAccessibilityViolation(Console console) {
        console.openSignIn();

        console.assertAccessible();
    }

    @Test
    void signingInAsNlPolice_landsOnTheRequestersHome_andShowsWhoIsSignedIn(Console console) {
        Page page = console.signInAs("nl-police");

        assertThat(page).hasURL(Pattern.compile("#/requests$"));
        Locator banner = page.getByRole(AriaRole.BANNER);
        assertThat(banner).containsText("Politie NL, Team High Tech Crime");
        assertThat(banner).containsText("Requester");
        assertThat(banner).containsText("NL-POLITIE-THTC");
        assertThat(console.signInHeading()).isHidden();
    }

    @Test
    void signingOut_returnsToTheSignInPage(Console console) {
        Page page = console.signInAs("nl-police");

        console.signOutButton().click();

        assertThat(console.signInHeading()).isVisible();
        assertThat(page.getByRole(AriaRole.BANNER)).not().containsText("Politie NL");
    }

    // No fake: the real local server refuses the token, as it would an expired or revoked one. Playwright
    // only breaks the token's signature on its way out; the 401 is the JWT authorizer's own.
    @Test
    void aTokenTheApiRefuses_returnsToTheSignInPage(Console console) {
        Page page = console.signInAs("nl-police");
        page.route(url -> !url.contains("/dev/") && !url.contains("/assets/"), SignInTest::breakTheTokensSignature);

        Response refused = page.waitForResponse(r -> r.status() == 401,
                () -> page.evaluate("id => { location.hash = '#/requests/' + id }", UUID.randomUUID().toString()));

        assertThat(refused.url()).contains("/requests/");
        assertThat(console.signInHeading()).isVisible();
        assertThat(console.signOutButton()).isHidden();
    }

    private static void breakTheTokensSignature(Route route) {
        Map<String, String> headers = new HashMap<>(route.request().headers());
        String authorization = headers.get("authorization");
        if (authorization != null) {
            // The signature's first character (its last one may carry only padding bits).
            int at = authorization.lastIndexOf('.') + 1;
            char first = authorization.charAt(at);
            headers.put("authorization", authorization.substring(0, at) + (first == 'A' ? 'B' : 'A') + authorization.substring(at + 1));
        }
        route.resume(new Route.ResumeOptions().setHeaders(headers));
    }
}
