package io.liaison.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import io.liaison.local.LocalBroker;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The live directory in the console: DE's administrator marks its 24/7 point of contact unavailable,
 * a requester's routing preview then names its backup and says why, and the request filed goes
 * there with the same reason in its trail; a preview names the contact point the request is then
 * routed to; an administrator's edit that someone else's change overtook is refused and reloads; a
 * rules change needs a second network administrator; an import's errors show by pointer; the auditor
 * verifies the directory's trail and sees which revision an edit in the table broke.
 */
@ConsoleTest
class DirectoryTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern PREVIEWED = Pattern.compile("It would go to ([A-Z0-9-]+)");

    @Test
    void aContactPointMarkedUnavailable_isSkippedInThePreview_andTheRoutedEventSaysWhy(Console console, LocalBroker broker)
            throws Exception {
        Page page = console.signInAs("de-admin");
        try {
            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Directory").setExact(true)).click();
            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Mark DE-POC247 unavailable")).click();
            assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Mark DE-POC247 unavailable").setLevel(1)))
                    .isVisible();
            page.getByLabel("Reason").fill("public holiday");
            console.assertAccessible();
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Mark unavailable").setExact(true)).click();
            assertThat(page.getByRole(AriaRole.STATUS).filter(new Locator.FilterOptions()
                    .setHasText(Pattern.compile("DE-POC247 is unavailable from .* directory revision \\d+")))).isVisible();
            shoot(console, "directory-marked-unavailable");

            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Back to the directory")).first().click();
            Locator row = page.getByRole(AriaRole.ROW).filter(new Locator.FilterOptions().setHasText("DE-POC247"))
                    .filter(new Locator.FilterOptions().setHasText("BKA"));
            assertThat(row).containsText("Not available");
            assertThat(row).containsText("public holiday");
            console.assertAccessible();
            shoot(console, "directory-admin");

            Walkthrough.switchTo(console, "nl-police");
            ConsoleFiling.fillPreservationRequest(console, "NL-THTC-2026-1207");
            Locator preview = ConsoleFiling.preview(page);
            assertThat(preview).containsText("It would go to DE-CA");
            assertThat(preview.getByRole(AriaRole.LISTITEM).filter(new Locator.FilterOptions().setHasText("DE-POC247")))
                    .containsText(Pattern.compile("DE-POC247 is unavailable until .*\\(public holiday\\)"));
            assertThat(preview).containsText("its backup DE-CA takes the request");
            assertThat(preview).containsText("R2-PRESERVATION");
            console.assertAccessible();
            shoot(console, "filing-preview");

            ConsoleFiling.fileButton(page).click();
            page.waitForURL(url -> url.matches(".*#/requests/[0-9a-f-]{36}$"));
            Locator routed = routedEvent(page);
            assertThat(routed).containsText("DE-POC247 is unavailable until");
            assertThat(routed).containsText("(public holiday); its backup DE-CA takes the request");
            assertThat(routed).containsText(Pattern.compile("Directory revision \\d+"));
            assertThat(page.getByRole(AriaRole.REGION, new Page.GetByRoleOptions().setName("Where it stands")))
                    .containsText("(DE-CA, Central authority)");
            console.assertAccessible();
        } finally {
            // The broker is shared by every browser test: DE-POC247 takes requests again afterwards.
            clearUnavailability(broker, "DE-POC247");
        }
    }

    @Test
    void thePreview_namesTheContactPointTheRequestIsThenRoutedTo(Console console) {
        Page page = console.signInAs("nl-police");
        ConsoleFiling.fillSubscriberDataRequest(console, "NL-THTC-2026-1208", "preview@example.de");

        Locator preview = ConsoleFiling.preview(page);
        Matcher previewed = PREVIEWED.matcher(preview.innerText());
        assertThat(previewed.find()).as("the preview names a contact point: %s", preview.innerText()).isTrue();
        String contactPoint = previewed.group(1);
        ConsoleFiling.fileButton(page).click();
        page.waitForURL(url -> url.matches(".*#/requests/[0-9a-f-]{36}$"));

        routedEvent(page);
        assertThat(page.getByRole(AriaRole.REGION, new Page.GetByRoleOptions().setName("Where it stands")))
                .containsText("(" + contactPoint + ", ");
    }

    @Test
    void anEditThatSomeoneElsesChangeOvertook_isRefused_andTheCurrentEntryLoads(Console console, LocalBroker broker) throws Exception {
        Page page = console.signInAs("de-admin");
        page.navigate("/#/directory/DE-EEVIDENCE/edit");
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Edit contact point DE-EEVIDENCE").setLevel(1)))
                .isVisible();
        Locator name = page.getByRole(AriaRole.TEXTBOX, new Page.GetByRoleOptions().setName("Name").setExact(true));
        assertThat(name).not().hasValue("");
        console.assertAccessible();

        // Meanwhile another administrator of DE renames it.
        ObjectNode entry = entry(broker, "DE-EEVIDENCE");
        long version = entry.remove("version").asLong();
        entry.put("source", "changed meanwhile by a colleague");
        ObjectNode change = JSON.createObjectNode().put("reason", "a colleague's change").put("expectedVersion", version);
        change.set("entry", entry);
        assertThat(send(broker, "PUT", "/directory/contact-points/DE-EEVIDENCE", change).statusCode()).isEqualTo(200);

        name.fill("Germany e-Evidence enforcing authority (renamed)");
        page.getByLabel("Reason for the change").fill("the authority was renamed");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save changes")).click();
        Locator refused = page.getByRole(AriaRole.ALERT).filter(new Locator.FilterOptions()
                .setHasText("Someone else changed this entry since you opened it"));
        assertThat(refused).isVisible();
        assertThat(refused).containsText("409");
        console.assertAccessible();
        shoot(console, "directory-edit-conflict");

        refused.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Load the current entry")).click();
        assertThat(page.getByRole(AriaRole.TEXTBOX, new Page.GetByRoleOptions().setName("Source").setExact(true))).hasValue("changed meanwhile by a colleague");
        assertThat(name).hasValue("Germany e-Evidence enforcing authority (demo)");
        // An entry's version is the directory revision it last changed in.
        long now = entry(broker, "DE-EEVIDENCE").path("version").asLong();
        assertThat(now).isGreaterThan(version);
        assertThat(page.getByText("You are changing version " + now + " of this entry")).isVisible();
    }

    @Test
    void aRulesChange_takesASecondNetworkAdministrator_theProposersOwnApprovalIsRefused(Console console) throws Exception {
        Page page = console.signInAs("admin");
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Routing rules").setExact(true)).click();
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Propose a change")).click();
        Locator document = page.getByRole(AriaRole.TEXTBOX, new Page.GetByRoleOptions().setName("Rules document"));
        assertThat(document).hasValue(Pattern.compile("\"routing\""));
        String version = "routing-console-test-" + System.nanoTime();
        ObjectNode rules = (ObjectNode) JSON.readTree(document.inputValue());
        document.fill(rules.put("version", version).toPrettyString());
        page.getByLabel("Reason for the change").fill("the same rules under a new name, to try the four eyes");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Propose").setExact(true)).click();
        assertThat(page.getByRole(AriaRole.STATUS).filter(new Locator.FilterOptions().setHasText("Proposed " + version))).isVisible();
        console.assertAccessible();

        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("See the proposals")).click();
        Locator proposal = page.getByRole(AriaRole.ROW).filter(new Locator.FilterOptions().setHasText(version));
        proposal.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Approve " + version)).click();
        assertThat(proposal.getByRole(AriaRole.ALERT)).containsText("Not yours to approve (HTTP 403)");
        assertThat(proposal.getByRole(AriaRole.ALERT)).containsText("a rule change takes two people");
        console.assertAccessible();
        shoot(console, "rules-own-proposal");

        Walkthrough.switchTo(console, "admin-2");
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Routing rules").setExact(true)).click();
        proposal.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Approve " + version)).click();
        assertThat(proposal).containsText(Pattern.compile("Approved: rules revision \\d+"));
        assertThat(page.getByRole(AriaRole.MAIN).getByRole(AriaRole.DEFINITION).first()).hasText(version);
    }

    @Test
    void theExport_downloadsTheWholeDirectoryWithAddressesAndVersions(Console console) throws Exception {
        Page page = console.signInAs("de-admin");
        page.navigate("/#/directory/transfer");

        com.microsoft.playwright.Download download = page.waitForDownload(() ->
                page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Download the directory (JSON)")).click());

        assertThat(download.suggestedFilename()).matches("liaison-directory-revision-\\d+\\.json");
        JsonNode document = JSON.readTree(java.nio.file.Files.readString(download.path()));
        assertThat(document.path("contactPoints").size()).isGreaterThan(20);
        assertThat(document.path("contactPoints").get(0).has("email")).isTrue();
        assertThat(document.path("contactPoints").get(0).path("version").asLong()).isPositive();
        // The document is also put where the import reads it, to change and send back.
        assertThat(page.getByRole(AriaRole.TEXTBOX, new Page.GetByRoleOptions().setName("Directory document")))
                .hasValue(Pattern.compile("\"contactPoints\""));
    }

    @Test
    void anImportThatBreaksARule_showsEachErrorByPointer_andChangesNothing(Console console, LocalBroker broker) throws Exception {
        Page page = console.signInAs("de-admin");
        ObjectNode exported = (ObjectNode) JSON.readTree(send(broker, "GET", "/directory/export", null).body());
        int at = 0;
        for (JsonNode cp : exported.path("contactPoints")) {
            if (cp.path("id").asText().equals("DE-CSIRT")) break;
            at++;
        }
        ((ObjectNode) exported.path("contactPoints").path(at)).put("kind", "HELPDESK");
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Directory").setExact(true)).click();
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Import or export")).click();
        page.getByRole(AriaRole.TEXTBOX, new Page.GetByRoleOptions().setName("Directory document"))
                .fill(exported.toPrettyString());
        page.getByLabel("Reason for the import").fill("quarterly sync with the national register");

        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Import").setExact(true)).click();

        Locator document = page.getByRole(AriaRole.TEXTBOX, new Page.GetByRoleOptions().setName("Directory document"));
        assertThat(document).hasAttribute("aria-invalid", "true");
        assertThat(document).hasAccessibleDescription(Pattern.compile("/contactPoints/" + at + "/kind: 'HELPDESK' is not one of"));
        assertThat(document).hasAccessibleDescription(Pattern.compile("there: \"HELPDESK\""));
        assertThat(JSON.readTree(send(broker, "GET", "/directory/export", null).body()).path("revision").asLong())
                .isEqualTo(exported.path("revision").asLong());
        console.assertAccessible();
        shoot(console, "directory-import-refused");
    }

    @Test
    void theAuditor_verifiesTheDirectoryTrail_andAfterAnEditInTheTableSeesWhichRevisionBroke(Console console, LocalBroker broker) {
        Page page = console.signInAs("auditor");
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Directory and rules trails")).click();
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Directory revisions").setLevel(1))).isVisible();
        Locator verify = page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Verify the trail"));
        verify.click();
        assertThat(page.getByRole(AriaRole.STATUS).filter(new Locator.FilterOptions().setHasText("Valid."))).isVisible();
        console.assertAccessible();

        Map<String, AttributeValue> key = Map.of("PK", AttributeValue.fromS("NETWORK#directory"), "SK", AttributeValue.fromS("REVISION#0000000001"));
        String reason = broker.dynamoDb().getItem(g -> g.tableName(broker.tableName()).key(key)).item().get("reason").s();
        try {
            broker.dynamoDb().updateItem(u -> u.tableName(broker.tableName()).key(key).updateExpression("SET reason = :r")
                    .expressionAttributeValues(Map.of(":r", AttributeValue.fromS("nothing to see here"))));
            verify.click();
            assertThat(page.getByRole(AriaRole.ALERT).filter(new Locator.FilterOptions().setHasText("Broken at revision 1"))).isVisible();
            assertThat(page.getByRole(AriaRole.ROW).filter(new Locator.FilterOptions().setHasText("broken"))).hasCount(1);
            console.assertAccessible();
            shoot(console, "directory-trail-broken");
        } finally {
            broker.dynamoDb().updateItem(u -> u.tableName(broker.tableName()).key(key).updateExpression("SET reason = :r")
                    .expressionAttributeValues(Map.of(":r", AttributeValue.fromS(reason))));
        }

        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Routing rules revisions")).click();
        verify.click();
        assertThat(page.getByRole(AriaRole.STATUS).filter(new Locator.FilterOptions().setHasText("Valid."))).isVisible();
    }

    /**
     * The request page (open) with the ROUTED event in its trail. The router works asynchronously, so
     * the page is opened again until then (through the list: a reload would sign out, the session
     * lives in memory only).
     */
    private static Locator routedEvent(Page page) {
        String id = RequestPathTest.requestId(page);
        Locator routed = page.getByRole(AriaRole.LISTITEM).filter(new Locator.FilterOptions().setHasText(Pattern.compile("^Routed")));
        Locator trail = page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Trail").setExact(true));
        // The page reads the request, then its trail: both must show the routing.
        Locator notRouted = page.getByRole(AriaRole.REGION, new Page.GetByRoleOptions().setName("Where it stands"))
                .getByText("not routed");
        trail.waitFor();
        for (int attempt = 0; attempt < 40 && (routed.count() == 0 || notRouted.count() > 0); attempt++) {
            page.waitForTimeout(250);
            page.navigate("/#/requests");
            page.navigate("/#/requests/" + id);
            trail.waitFor();
        }
        assertThat(routed).hasCount(1);
        return routed;
    }

    private static void shoot(Console console, String name) {
        console.screenshot(Path.of(System.getProperty("liaison.screenshots", "target/screenshots"), name + ".png"), true);
    }

    private static ObjectNode entry(LocalBroker broker, String id) throws IOException, InterruptedException {
        JsonNode document = JSON.readTree(send(broker, "GET", "/directory/export", null).body());
        for (JsonNode cp : document.path("contactPoints")) {
            if (cp.path("id").asText().equals(id)) return (ObjectNode) cp.deepCopy();
        }
        throw new AssertionError("no " + id + " in the directory");
    }

    private static void clearUnavailability(LocalBroker broker, String id) throws IOException, InterruptedException {
        ObjectNode entry = entry(broker, id);
        long version = entry.remove("version").asLong();
        entry.putArray("unavailable");
        ObjectNode change = JSON.createObjectNode().put("reason", "the test is over").put("expectedVersion", version);
        change.set("entry", entry);
        HttpResponse<String> answer = send(broker, "PUT", "/directory/contact-points/" + id, change);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    }

    /** A call as DE's directory administrator, with the dev issuer's token. */
    private static HttpResponse<String> send(LocalBroker broker, String method, String path, JsonNode body)
            throws IOException, InterruptedException {
        try (HttpClient http = HttpClient.newHttpClient()) {
            String token = http.send(HttpRequest.newBuilder(URI.create(broker.baseUrl() + "/dev/token/de-admin")).build(),
                    HttpResponse.BodyHandlers.ofString()).body().trim();
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(broker.baseUrl() + path))
                    .header("Authorization", "Bearer " + token);
            request = body == null ? request.method(method, HttpRequest.BodyPublishers.noBody())
                    : request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body.toString()));
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        }
    }
}
