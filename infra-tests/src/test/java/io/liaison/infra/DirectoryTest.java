package io.liaison.infra;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.liaison.local.LocalBroker;
import io.liaison.local.Template;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The directory and the routing rules as the jurisdictions maintain them while Liaison runs
 * (issue 16), over HTTP: who may change what, what routing does with a change, preview against
 * the real routing, and the directory's own trail. The class has a broker of its own, since its
 * changes would reroute other classes' requests; each nested class that marks a contact point
 * unavailable, moves time forward or edits the table behind Liaison's back has one of its own too.
 */
@ExtendWith(Broker.Own.class)
class DirectoryTest {
    private static final DateTimeFormatter MILLIS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    private static final String MONITOR = "DeadlineFunction";

    // ------------------------------------------------------------------ who may change what

    @Test
    void desAdministratorChangesDePoc247sEmail_theNextFilingRoutesByTheNewRevision_andAnEarlierRequestKeepsItsOwn(Api api) {
        String earlier = api.file("nl-police", Api.preservation());
        long oldRevision = event(api, earlier, "ROUTED").path("directoryRevision").asLong();
        JsonNode export = export(api);
        assertThat(oldRevision).isEqualTo(export.path("revision").asLong());

        ObjectNode poc = entry(export, "DE-POC247").put("email", "bka-duty-" + System.nanoTime() + "@contact-points.liaison.invalid");
        Api.Response changed = change(api, "de-admin", poc, version(export, "DE-POC247"));
        String later = api.file("nl-police", Api.preservation());

        assertThat(changed.status()).isEqualTo(200);
        long newRevision = changed.json().path("number").asLong();
        assertThat(newRevision).isEqualTo(oldRevision + 1);
        assertThat(changed.json().path("change").asText()).isEqualTo("DE-POC247 changed");
        assertThat(changed.json().path("author").path("subject").asText()).isEqualTo("de-admin");
        assertThat(entry(export(api), "DE-POC247").path("email").asText()).isEqualTo(poc.path("email").asText());
        assertThat(version(export(api), "DE-POC247")).isEqualTo(newRevision);
        JsonNode routedLater = event(api, later, "ROUTED");
        assertThat(routedLater.path("directoryRevision").asLong()).isEqualTo(newRevision);
        assertThat(api.get("nl-police", "/requests/" + later).json().path("contactPoint").path("id").asText()).isEqualTo("DE-POC247");
        assertThat(event(api, earlier, "ROUTED").path("directoryRevision").asLong()).as("the earlier request's trail").isEqualTo(oldRevision);
    }

    @Test
    void afterDesAdministratorChangesDePoc247sEmail_theNextNoticeGoesToTheNewAddress(Api api, LocalBroker broker) {
        notice(broker, api.file("nl-police", Api.preservation()), "DE-POC247"); // the notifier has just looked DE-POC247 up
        JsonNode export = export(api);
        String address = "bka-duty-" + System.nanoTime() + "@contact-points.liaison.invalid";
        assertThat(change(api, "de-admin", entry(export, "DE-POC247").put("email", address), version(export, "DE-POC247")).status())
                .isEqualTo(200);

        String notice = notice(broker, api.file("nl-police", Api.preservation()), "DE-POC247");

        assertThat(notice).contains("To: " + address + "\r\n");
    }

    @Test
    void afterDesAdministratorRenamesDePoc247_theNextNoticeNamesItSo(Api api, LocalBroker broker) {
        JsonNode export = export(api);
        String name = "BKA SO 4 " + System.nanoTime();
        assertThat(change(api, "de-admin", entry(export, "DE-POC247").put("name", name), version(export, "DE-POC247")).status())
                .isEqualTo(200);

        String notice = notice(broker, api.file("nl-police", Api.preservation()), "DE-POC247");

        assertThat(notice).contains("\"name\":\"" + name + "\"");
    }

    @Test
    void theDirectoryAsARequesterReadsIt_showsNoEmailAddress(Api api) {
        Api.Response listed = api.get("nl-police", "/directory?jurisdiction=DE&kind=POC_24_7");

        assertThat(listed.status()).isEqualTo(200);
        assertThat(listed.json().path("items").findValuesAsText("id")).containsExactly("DE-POC247");
        assertThat(listed.json().path("items").get(0).has("email")).isFalse();
        assertThat(listed.json().path("items").get(0).path("availableNow").asBoolean()).isTrue();
        assertThat(listed.json().path("revision").asLong()).isEqualTo(export(api).path("revision").asLong());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"jurisdiction=germany", "kind=POLICE_STATION", "at=yesterday"})
    void aBadDirectoryQuery_is400(String query, Api api) {
        Api.Response listed = api.get("nl-police", "/directory?" + query);

        assertProblem(listed, 400, "/" + query.substring(0, query.indexOf('=')));
    }

    @Test
    void frsAdministrator_cannotChangeDePoc247_andNothingChanges(Api api) {
        JsonNode before = export(api);
        ObjectNode renamed = entry(before, "DE-POC247").put("name", "renamed by FR");
        ObjectNode moved = entry(before, "DE-POC247").put("jurisdiction", "FR");

        Api.Response rename = change(api, "fr-admin", renamed, version(before, "DE-POC247"));
        Api.Response move = change(api, "fr-admin", moved, version(before, "DE-POC247"));

        assertProblem(rename, 403, null);
        assertThat(rename.json().path("detail").asText()).contains("/entry/jurisdiction");
        assertProblem(move, 403, null);
        assertThat(move.json().path("detail").asText()).contains("DE-POC247");
        assertThat(export(api)).isEqualTo(before);
    }

    @Test
    void frsAdministrator_cannotImportGermanEntries_andNothingChanges(Api api) {
        JsonNode before = export(api);
        ObjectNode document = importOf(before, "FR takes over DE");
        int index = indexOf(before, "DE-POC247");
        ((ObjectNode) document.path("contactPoints").get(index)).put("email", "fr-relay@contact-points.liaison.invalid");

        Api.Response imported = api.put("fr-admin", "/directory", document);

        assertProblem(imported, 403, null);
        assertThat(imported.json().path("detail").asText()).contains("/contactPoints/" + index);
        assertThat(export(api)).isEqualTo(before);
    }

    @Test
    void twoAdministratorsChangingOneEntryAtOnce_oneWins_andTheOtherGets409(Api api) throws Exception {
        JsonNode before = export(api);
        long version = version(before, "DE-CSIRT");
        ObjectNode byDe = entry(before, "DE-CSIRT").put("name", "CERT-Bund (BSI), by DE");
        ObjectNode byNetwork = entry(before, "DE-CSIRT").put("name", "CERT-Bund (BSI), by the network");
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService two = Executors.newFixedThreadPool(2);
        try {
            Callable<Api.Response> de = () -> {
                start.await();
                return change(api, "de-admin", byDe, version);
            };
            Callable<Api.Response> network = () -> {
                start.await();
                return change(api, "admin", byNetwork, version);
            };
            Future<Api.Response> first = two.submit(de);
            Future<Api.Response> second = two.submit(network);
            start.countDown();
            List<Api.Response> answers = List.of(first.get(), second.get());

            assertThat(answers).extracting(Api.Response::status).containsExactlyInAnyOrder(200, 409);
            Api.Response lost = answers.stream().filter(a -> a.status() == 409).findFirst().orElseThrow();
            assertProblem(lost, 409, null);
            String winner = answers.getFirst().status() == 200 ? byDe.path("name").asText() : byNetwork.path("name").asText();
            JsonNode after = export(api);
            assertThat(entry(after, "DE-CSIRT").path("name").asText()).isEqualTo(winner);
            assertThat(after.path("revision").asLong()).isEqualTo(before.path("revision").asLong() + 1);
        } finally {
            two.shutdownNow();
        }
    }

    // ------------------------------------------------------------------ bad input: 422 at the field, nothing changes

    @Test
    void aJurisdictionThatIsNoIsoCode_is422_andNothingChanges(Api api) {
        JsonNode before = export(api);
        ObjectNode uk = Api.JSON.createObjectNode().put("id", "UK-POC247").put("jurisdiction", "UK").put("kind", "POC_24_7")
                .put("name", "United Kingdom 24/7 point of contact").put("email", "uk-poc247@contact-points.liaison.invalid");
        uk.putArray("languages").add("en");

        assertProblem(change(api, "admin", uk, null), 422, "/entry/jurisdiction");
        assertThat(export(api)).isEqualTo(before);
    }

    @Test
    void anUnknownKind_is422_atTheKind_andNothingChanges(Api api) {
        JsonNode before = export(api);

        assertProblem(change(api, "de-admin", entry(before, "DE-POC247").put("kind", "POLICE_STATION"), version(before, "DE-POC247")),
                422, "/entry/kind");
        assertThat(export(api)).isEqualTo(before);
    }

    @Test
    void aBackupThatDoesNotExist_is422_andNothingChanges(Api api) {
        JsonNode before = export(api);

        assertProblem(change(api, "de-admin", entry(before, "DE-POC247").put("backup", "DE-NOWHERE"), version(before, "DE-POC247")),
                422, "/entry/backup");
        assertThat(export(api)).isEqualTo(before);
    }

    @Test
    void aBackupThatIsTheEntryItself_is422_andNothingChanges(Api api) {
        JsonNode before = export(api);

        assertProblem(change(api, "de-admin", entry(before, "DE-POC247").put("backup", "DE-POC247"), version(before, "DE-POC247")),
                422, "/entry/backup");
        assertThat(export(api)).isEqualTo(before);
    }

    @Test
    void aSecondGerman247PointWhoseValidityOverlapsTheFirst_is422_andNothingChanges(Api api) {
        JsonNode before = export(api);
        ObjectNode successor = entry(before, "DE-POC247").put("id", "DE-POC247-NEXT")
                .put("validFrom", MILLIS.format(Instant.now().plus(Duration.ofDays(30))));
        successor.putNull("backup");

        Api.Response created = api.put("de-admin", "/directory/contact-points/DE-POC247-NEXT", changeBody(successor, null));

        assertProblem(created, 422, "/entry/validFrom");
        assertThat(created.json().path("errors").findValuesAsText("detail").toString()).contains("DE-POC247");
        assertThat(export(api)).isEqualTo(before);
    }

    @Test
    void hoursOnA247Point_is422_andNothingChanges(Api api) {
        JsonNode before = export(api);
        ObjectNode withHours = entry(before, "DE-POC247");
        withHours.putObject("hours").put("timeZone", "Europe/Berlin").put("opens", "08:00").put("closes", "18:00")
                .putArray("days").add("MON").add("TUE");

        assertProblem(change(api, "de-admin", withHours, version(before, "DE-POC247")), 422, "/entry/hours");
        assertThat(export(api)).isEqualTo(before);
    }

    // ------------------------------------------------------------------ import and export

    @Test
    void anExportSentBackWithOneGermanEntryChanged_appliesAsOneRevision(Api api) {
        JsonNode before = export(api);
        int revisions = api.get("auditor", "/directory/revisions").json().path("items").size();
        ObjectNode document = importOf(before, "DE keeps its master copy elsewhere");
        int index = indexOf(before, "DE-EEVIDENCE");
        ((ObjectNode) document.path("contactPoints").get(index)).put("name", "Bundesamt für Justiz, e-Evidence (import)");

        Api.Response imported = api.put("de-admin", "/directory", document);

        assertThat(imported.status()).isEqualTo(200);
        long number = imported.json().path("number").asLong();
        assertThat(number).isEqualTo(before.path("revision").asLong() + 1);
        assertThat(api.get("auditor", "/directory/revisions").json().path("items").size()).isEqualTo(revisions + 1);
        JsonNode after = export(api);
        assertThat(after.path("revision").asLong()).isEqualTo(number);
        assertThat(entry(after, "DE-EEVIDENCE").path("name").asText()).isEqualTo("Bundesamt für Justiz, e-Evidence (import)");
        assertThat(version(after, "DE-EEVIDENCE")).isEqualTo(number);
        assertThat(withoutEntry(after, "DE-EEVIDENCE")).as("every other entry, versions included").isEqualTo(withoutEntry(before, "DE-EEVIDENCE"));
    }

    @Test
    void anImportWithOneInvalidEntry_leavesTheDirectoryAsItWas(Api api) {
        JsonNode before = export(api);
        ObjectNode document = importOf(before, "half a good import");
        ((ObjectNode) document.path("contactPoints").get(indexOf(before, "DE-CSIRT"))).put("name", "CERT-Bund, valid change");
        int invalid = indexOf(before, "DE-CA");
        ((ObjectNode) document.path("contactPoints").get(invalid)).put("backup", "DE-CA");

        Api.Response imported = api.put("de-admin", "/directory", document);

        assertProblem(imported, 422, "/contactPoints/" + invalid + "/backup");
        assertThat(export(api)).isEqualTo(before);
    }

    // ------------------------------------------------------------------ routing rules: four eyes

    @Test
    void aRuleChange_takesASecondNetworkAdministrator_andTheNextFilingIsRoutedUnderIt(Api api) {
        JsonNode current = api.get("admin", "/routing/rules").json();
        String version = "routing-it-" + System.nanoTime();
        ObjectNode document = ((ObjectNode) current.path("document").deepCopy()).put("version", version);

        Api.Response proposed = api.post("admin", "/routing/rules/proposals", proposal(document));
        assertThat(proposed.status()).isEqualTo(201);
        assertThat(proposed.json().path("status").asText()).isEqualTo("PENDING");
        assertThat(proposed.json().path("baseRevision").asLong()).isEqualTo(current.path("revision").asLong());
        String approval = "/routing/rules/proposals/" + proposed.json().path("id").asText() + "/approval";
        Api.Response byProposer = api.post("admin", approval, Api.JSON.createObjectNode());
        assertThat(api.get("admin", "/routing/rules").json().path("version").asText()).as("before the second approval")
                .isEqualTo(current.path("version").asText());
        Api.Response bySecond = api.post("admin-2", approval, Api.JSON.createObjectNode());
        String id = api.file("nl-police", Api.preservation());

        assertProblem(byProposer, 403, null);
        assertThat(bySecond.status()).isEqualTo(200);
        assertThat(bySecond.json().path("version").asText()).isEqualTo(version);
        assertThat(bySecond.json().path("approvedBy").path("subject").asText()).isEqualTo("admin-2");
        JsonNode now = api.get("nl-police", "/routing/rules").json();
        assertThat(now.path("version").asText()).isEqualTo(version);
        assertThat(now.path("revision").asLong()).isEqualTo(current.path("revision").asLong() + 1);
        assertThat(event(api, id, "ROUTED").path("policyVersion").asText()).isEqualTo(version);
        assertThat(api.post("admin-2", approval, Api.JSON.createObjectNode()).status()).as("approved twice").isEqualTo(409);
    }

    @Test
    void aDirectoryAdministrator_cannotProposeARuleChange(Api api) {
        ObjectNode document = ((ObjectNode) api.get("de-admin", "/routing/rules").json().path("document").deepCopy())
                .put("version", "routing-by-de-" + System.nanoTime());

        assertProblem(api.post("de-admin", "/routing/rules/proposals", proposal(document)), 403, null);
    }

    @Test
    void aProposalRoutingToAKindThatDoesNotExist_is422_atThatRulesTarget(Api api) {
        ObjectNode document = ((ObjectNode) api.get("admin", "/routing/rules").json().path("document").deepCopy())
                .put("version", "routing-unknown-kind-" + System.nanoTime());
        ((ArrayNode) document.path("routing").get(2).path("to")).set(0, "PROSECUTOR");

        Api.Response proposed = api.post("admin", "/routing/rules/proposals", proposal(document));

        assertProblem(proposed, 422, "/document/routing/2/to/0");
        assertThat(api.get("admin", "/routing/rules/proposals").json().path("items").findValuesAsText("version"))
                .doesNotContain(document.path("version").asText());
    }

    // ------------------------------------------------------------------ preview equals the real routing

    /** Every filing the repository shows: the POST /requests samples in events/, the README's walkthrough, the tests' own. */
    static Stream<Arguments> sampleFilings() throws IOException {
        Path root = Template.locate(Path.of("")).getParent();
        List<Arguments> out = new ArrayList<>();
        try (Stream<Path> events = Files.list(root.resolve("events"))) {
            for (Path file : events.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                JsonNode event = Api.JSON.readTree(file.toFile());
                if (!"POST /requests".equals(event.path("routeKey").asText())) continue;
                String user = event.path("requestContext").path("authorizer").path("jwt").path("claims").path("sub").asText();
                out.add(Arguments.of("events/" + file.getFileName(), user, Api.JSON.readTree(event.path("body").asText())));
            }
        }
        String readme = Files.readString(root.resolve("README.md"));
        int walkthrough = readme.indexOf("### 1. The Dutch police file a preservation request to Germany");
        int start = readme.indexOf("<<'EOF'\n", walkthrough) + "<<'EOF'\n".length();
        out.add(Arguments.of("README walkthrough", "nl-police", Api.JSON.readTree(readme.substring(start, readme.indexOf("\nEOF", start)))));
        out.add(Arguments.of("preservation-nl-to-de.json", "nl-police", Api.preservation()));
        assertThat(out).as("samples found").hasSizeGreaterThanOrEqualTo(3);
        return out.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sampleFilings")
    void thePreviewOfASampleFiling_isTheRoutingItGets(String sample, String user, JsonNode filing, Api api) {
        Api.Response preview = api.post(user, "/routing/preview", filing);
        String id = api.file(user, (ObjectNode) filing);
        JsonNode request = api.awaitRouted(user, id);
        JsonNode routed = event(api, user, id, "ROUTED");

        assertThat(preview.status()).isEqualTo(200);
        JsonNode p = preview.json();
        assertThat(p.path("outcome").asText()).isEqualTo("ROUTED").isEqualTo(request.path("status").asText());
        assertThat(p.path("contactPoint").path("id").asText()).isEqualTo(request.path("contactPoint").path("id").asText());
        assertThat(List.of(p.path("routingRule").path("id").asText(), p.path("deadlineRule").path("id").asText()))
                .isEqualTo(texts(routed.path("ruleIds")));
        assertThat(p.path("directoryRevision").asLong()).isEqualTo(routed.path("directoryRevision").asLong());
        assertThat(p.path("rulesVersion").asText()).isEqualTo(routed.path("policyVersion").asText());
        assertThat(p.path("reason").asText()).isEqualTo(routed.path("reason").asText());
        assertThat(between(p.path("at"), p.path("deadlines").path("acknowledgeBy")))
                .isEqualTo(between(routed.path("at"), request.path("deadlines").path("acknowledgeBy")));
        assertThat(p.path("binding").path("binds").asBoolean()).isTrue();
    }

    @Test
    void anUnroutablePreview_isAnUnroutableRequest(Api api) {
        ObjectNode filing = Api.preservation().put("type", "content_data").put("urgency", "routine").put("targetJurisdiction", "FR");
        filing.putObject("legalBasis").put("instrument", "ETS_185").put("article", "31");

        Api.Response preview = api.post("nl-police", "/routing/preview", filing);
        String id = api.file("nl-police", filing);
        JsonNode request = api.awaitRouted("nl-police", id);
        JsonNode unroutable = event(api, "nl-police", id, "UNROUTABLE");

        assertThat(preview.status()).isEqualTo(200);
        JsonNode p = preview.json();
        assertThat(p.path("outcome").asText()).isEqualTo("UNROUTABLE").isEqualTo(request.path("status").asText());
        assertThat(p.has("contactPoint")).isFalse();
        assertThat(p.path("routingRule").path("id").asText()).isEqualTo("R6-MUTUAL-ASSISTANCE");
        assertThat(texts(unroutable.path("ruleIds"))).containsExactly(p.path("routingRule").path("id").asText());
        assertThat(p.path("reason").asText()).isEqualTo(request.path("statusReason").path("text").asText())
                .isEqualTo(unroutable.path("reason").asText());
        assertThat(p.path("directoryRevision").asLong()).isEqualTo(unroutable.path("directoryRevision").asLong());
    }

    @Test
    void aPreview_storesNothing(Api api) {
        JsonNode before = api.get("fr-police", "/requests?limit=100").json();

        Api.Response preview = api.post("fr-police", "/routing/preview", Api.preservation());

        assertThat(preview.status()).isEqualTo(200);
        assertThat(preview.json().path("requesting").asText()).isEqualTo("FR");
        assertThat(api.get("fr-police", "/requests?limit=100").json()).isEqualTo(before);
    }

    @Test
    void aPreviewOfAFilingThatWouldBeRefused_isTheSame422(Api api) {
        ObjectNode filing = Api.preservation().put("targetJurisdiction", "IT");

        Api.Response preview = api.post("nl-police", "/routing/preview", filing);
        Api.Response filed = api.post("nl-police", "/requests", filing);

        assertProblem(preview, 422, "/targetJurisdiction");
        assertThat(preview.json().path("errors")).isEqualTo(filed.json().path("errors"));
        assertThat(filed.status()).isEqualTo(422);
    }

    // ------------------------------------------------------------------ the trails

    @Test
    void theDirectoryTrail_verifies_oneLinkPerRevision(Api api) {
        JsonNode revisions = api.get("auditor", "/directory/revisions").json().path("items");
        JsonNode verification = api.get("auditor", "/directory/verification").json();

        assertThat(verification.path("trail").asText()).isEqualTo("directory");
        assertThat(verification.path("valid").asBoolean()).as(verification.toString()).isTrue();
        assertThat(verification.path("length").asInt()).isEqualTo(revisions.size()).isEqualTo(export(api).path("revision").asInt());
        assertThat(verification.path("head").asText()).isEqualTo(revisions.get(revisions.size() - 1).path("chainHash").asText());
    }

    @Test
    void theRulesTrail_verifies_oneLinkPerRevision(Api api) {
        JsonNode revisions = api.get("auditor", "/routing/rules/revisions").json().path("items");
        JsonNode verification = api.get("auditor", "/routing/rules/verification").json();

        assertThat(verification.path("trail").asText()).isEqualTo("routing-rules");
        assertThat(verification.path("valid").asBoolean()).as(verification.toString()).isTrue();
        assertThat(verification.path("length").asInt()).isEqualTo(revisions.size());
    }

    // ------------------------------------------------------------------ unavailability and escalation

    /** DE's 24/7 point is away for a day (a public holiday): routing passes it to its backup DE-CA, and says so. */
    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class WhileDePoc247IsUnavailable {
        private final Instant from = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(60);
        private final String until = MILLIS.format(from.plus(Duration.ofDays(1)));

        @BeforeAll
        void desAdministratorMarksItUnavailableForADay(Api api) {
            Api.Response marked = api.post("de-admin", "/directory/contact-points/DE-POC247/unavailability", Api.JSON.createObjectNode()
                    .put("from", MILLIS.format(from)).put("to", until).put("reason", "public holiday"));
            assertThat(marked.status()).as(marked.body()).isEqualTo(200);
        }

        @Test
        void aNewPreservationRequestFromNl_goesToDeCa_andItsRoutedEventSaysWhy(Api api) {
            String id = api.file("nl-police", Api.preservation());

            JsonNode routed = api.awaitRouted("nl-police", id);

            assertThat(routed.path("contactPoint").path("id").asText()).isEqualTo("DE-CA");
            assertThat(routed.path("routingRule").asText()).isEqualTo("R2-PRESERVATION");
            assertThat(event(api, id, "ROUTED").path("reason").asText())
                    .contains("DE-POC247 is unavailable until " + until + " (public holiday); its backup DE-CA takes the request");
        }

        @Test
        void thePreview_namesThePointPassedOver_andItsBackup(Api api) {
            JsonNode preview = api.post("nl-police", "/routing/preview", Api.preservation()).json();

            assertThat(preview.path("contactPoint").path("id").asText()).isEqualTo("DE-CA");
            assertThat(preview.path("unavailable")).hasSize(1);
            assertThat(preview.path("unavailable").get(0).path("contactPoint").asText()).isEqualTo("DE-POC247");
            assertThat(preview.path("unavailable").get(0).path("until").asText()).isEqualTo(until);
            assertThat(preview.path("unavailable").get(0).path("reason").asText()).isEqualTo("public holiday");
        }

        @Test
        void theDirectory_showsItUnavailableNow_andAvailableAfterTheHoliday(Api api) {
            String query = "/directory?jurisdiction=DE&kind=POC_24_7";
            Instant after = Instant.parse(until).plus(Duration.ofHours(1));

            assertThat(api.get("nl-police", query).json().path("items").get(0).path("availableNow").asBoolean()).isFalse();
            assertThat(api.get("nl-police", query + "&at=" + after).json().path("items").get(0).path("availableNow").asBoolean()).isTrue();
        }
    }

    /**
     * DE-CA, DE-POC247's backup, is away while a request to DE-POC247 waits for its
     * acknowledgement; DE-CA's own backup is DE-POC247, so the chain comes back to where it began.
     */
    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class WhileTheBackupDeCaIsUnavailable {
        @BeforeAll
        void desAdministratorMarksDeCaUnavailable(Api api) {
            markUnavailable(api, "DE-CA", "office closed for moving");
        }

        @Test
        void anUnacknowledgedRequestToDePoc247_isMarkedOverdue_andTheEventSaysItsBackupIsUnavailable(Api api, LocalBroker broker) {
            String id = api.file("nl-police", Api.preservation());
            JsonNode routed = api.awaitRouted("nl-police", id);
            assertThat(routed.path("contactPoint").path("id").asText()).isEqualTo("DE-POC247");

            broker.runScheduled(MONITOR, Instant.parse(routed.path("deadlines").path("acknowledgeBy").asText()).plusSeconds(60));

            JsonNode request = api.get("nl-police", "/requests/" + id).json();
            assertThat(request.path("contactPoint").path("id").asText()).as("nobody else to take it").isEqualTo("DE-POC247");
            assertThat(request.path("deadlines").path("acknowledgementOverdue").asBoolean()).isTrue();
            JsonNode overdue = event(api, id, "ACKNOWLEDGEMENT_OVERDUE");
            assertThat(overdue.path("reason").asText()).contains("DE-POC247 did not acknowledge").contains("DE-CA is unavailable until");
        }
    }

    /** As above, but DE's administrator has given DE-CA a backup of its own, DE-CSIRT: escalation passes DE-CA by. */
    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class WhileTheBackupDeCaIsUnavailableAndHasABackupOfItsOwn {
        private long revision;

        @BeforeAll
        void deCaGetsABackup_andIsMarkedUnavailable(Api api) {
            JsonNode export = export(api);
            Api.Response changed = change(api, "de-admin", entry(export, "DE-CA").put("backup", "DE-CSIRT"), version(export, "DE-CA"));
            assertThat(changed.status()).as(changed.body()).isEqualTo(200);
            revision = markUnavailable(api, "DE-CA", "office closed for moving");
        }

        @Test
        void anUnacknowledgedRequestToDePoc247_isEscalatedPastDeCa_toDeCsirt_andTheEventSaysWhy(Api api, LocalBroker broker) {
            String id = api.file("nl-police", Api.preservation());
            JsonNode routed = api.awaitRouted("nl-police", id);
            assertThat(routed.path("contactPoint").path("id").asText()).isEqualTo("DE-POC247");

            broker.runScheduled(MONITOR, Instant.parse(routed.path("deadlines").path("acknowledgeBy").asText()).plusSeconds(60));

            JsonNode request = api.get("nl-police", "/requests/" + id).json();
            assertThat(request.path("contactPoint").path("id").asText()).isEqualTo("DE-CSIRT");
            assertThat(request.path("contactPoint").path("escalatedFrom").asText()).isEqualTo("DE-POC247");
            JsonNode escalated = event(api, id, "ESCALATED");
            assertThat(escalated.path("ground").asText()).isEqualTo("DE-CSIRT");
            assertThat(escalated.path("reason").asText()).contains("DE-CA is unavailable until").contains("DE-CSIRT");
            assertThat(escalated.path("directoryRevision").asLong()).isEqualTo(revision);
        }
    }

    /**
     * No contact point is an e-Evidence authority any more (the rules stopped routing to one, then
     * the network administrator removed them): a proposal that routes to that kind again is refused.
     */
    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class WhenNoContactPointIsAnEEvidenceAuthority {
        private ObjectNode original;

        @BeforeAll
        void theRulesStopRoutingToOne_andTheNetworkAdministratorRemovesThem(Api api) {
            original = (ObjectNode) api.get("admin", "/routing/rules").json().path("document").deepCopy();
            ObjectNode without = original.deepCopy().put("version", "routing-without-e-evidence");
            ArrayNode routing = (ArrayNode) without.path("routing");
            for (int i = routing.size() - 1; i >= 0; i--) {
                if (texts(routing.get(i).path("to")).contains("E_EVIDENCE_AUTHORITY")) routing.remove(i);
            }
            Api.Response proposed = api.post("admin", "/routing/rules/proposals", proposal(without));
            assertThat(proposed.status()).as(proposed.body()).isEqualTo(201);
            Api.Response approved = api.post("admin-2", "/routing/rules/proposals/" + proposed.json().path("id").asText() + "/approval",
                    Api.JSON.createObjectNode());
            assertThat(approved.status()).as(approved.body()).isEqualTo(200);
            JsonNode export = export(api);
            ObjectNode document = importOf(export, "no e-Evidence authorities");
            ArrayNode entries = (ArrayNode) document.path("contactPoints");
            for (int i = entries.size() - 1; i >= 0; i--) {
                if (entries.get(i).path("kind").asText().equals("E_EVIDENCE_AUTHORITY")) entries.remove(i);
            }
            Api.Response imported = api.put("admin", "/directory", document);
            assertThat(imported.status()).as(imported.body()).isEqualTo(200);
        }

        @Test
        void aProposalRoutingToThatKind_is422_atTheRulesTarget(Api api) {
            ObjectNode document = original.deepCopy().put("version", "routing-e-evidence-again");
            int rule = 0;
            while (!texts(document.path("routing").get(rule).path("to")).contains("E_EVIDENCE_AUTHORITY")) rule++;

            Api.Response proposed = api.post("admin", "/routing/rules/proposals", proposal(document));

            assertProblem(proposed, 422, "/document/routing/" + rule + "/to/0");
            assertThat(api.get("admin", "/routing/rules/proposals").json().path("items").findValuesAsText("version"))
                    .doesNotContain("routing-e-evidence-again");
        }
    }

    /** An edit of a stored revision through the raw DynamoDB client, behind Liaison's back. */
    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class AfterAnEditBehindLiaisonsBack {
        private static final Map<String, AttributeValue> SECOND = Map.of("PK", AttributeValue.fromS("NETWORK#directory"),
                "SK", AttributeValue.fromS(String.format("REVISION#%010d", 2)));
        private Map<String, AttributeValue> stored;

        @BeforeAll
        void aSecondRevision(Api api) {
            JsonNode export = export(api);
            Api.Response changed = change(api, "de-admin", entry(export, "DE-CSIRT").put("name", "CERT-Bund"), version(export, "DE-CSIRT"));
            assertThat(changed.json().path("number").asLong()).isEqualTo(2);
            assertThat(api.get("auditor", "/directory/verification").json().path("valid").asBoolean()).isTrue();
        }

        @AfterEach
        void putItBack(LocalBroker broker) {
            if (stored != null) broker.dynamoDb().putItem(p -> p.tableName(broker.tableName()).item(stored));
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"reason", "state"})
        void theVerification_namesTheEditedRevisionAltered(String attribute, Api api, LocalBroker broker) {
            stored = broker.dynamoDb().getItem(g -> g.tableName(broker.tableName()).key(SECOND)).item();
            Map<String, AttributeValue> edited = new HashMap<>(stored);
            edited.put(attribute, AttributeValue.fromS(attribute.equals("reason") ? "nobody changed anything"
                    : stored.get("state").s().replace("CERT-Bund", "CERT-Bund (edited)")));
            assertThat(edited).isNotEqualTo(stored);
            broker.dynamoDb().putItem(p -> p.tableName(broker.tableName()).item(edited));

            JsonNode verification = api.get("auditor", "/directory/verification").json();

            assertThat(verification.path("valid").asBoolean()).isFalse();
            assertThat(verification.path("sequence").asLong()).isEqualTo(2);
            assertThat(verification.path("damage").asText()).isEqualTo("ALTERED");
        }
    }

    // ------------------------------------------------------------------ helpers

    /** The whole directory with addresses and versions, as the network administrator exports it. */
    static JsonNode export(Api api) {
        Api.Response export = api.get("admin", "/directory/export");
        assertThat(export.status()).as(export.body()).isEqualTo(200);
        return export.json();
    }

    /** A copy of one exported entry, ready to send back (without its version, which the store sets). */
    static ObjectNode entry(JsonNode export, String id) {
        ObjectNode entry = export.path("contactPoints").get(indexOf(export, id)).deepCopy();
        entry.remove("version");
        return entry;
    }

    static long version(JsonNode export, String id) {
        return export.path("contactPoints").get(indexOf(export, id)).path("version").asLong();
    }

    static int indexOf(JsonNode export, String id) {
        JsonNode entries = export.path("contactPoints");
        for (int i = 0; i < entries.size(); i++) {
            if (entries.get(i).path("id").asText().equals(id)) return i;
        }
        throw new AssertionError("no " + id + " in the directory");
    }

    private static Map<String, JsonNode> withoutEntry(JsonNode export, String id) {
        Map<String, JsonNode> out = new HashMap<>();
        export.path("contactPoints").forEach(cp -> out.put(cp.path("id").asText(), cp));
        out.remove(id);
        return out;
    }

    static ObjectNode importOf(JsonNode export, String reason) {
        ObjectNode document = Api.JSON.createObjectNode().put("reason", reason).put("expectedRevision", export.path("revision").asLong());
        document.set("contactPoints", export.path("contactPoints").deepCopy());
        return document;
    }

    static ObjectNode changeBody(ObjectNode entry, Long expectedVersion) {
        ObjectNode body = Api.JSON.createObjectNode().put("reason", "infra test");
        body.set("entry", entry);
        if (expectedVersion != null) body.put("expectedVersion", expectedVersion);
        return body;
    }

    static Api.Response change(Api api, String user, ObjectNode entry, Long expectedVersion) {
        return api.put(user, "/directory/contact-points/" + entry.path("id").asText(), changeBody(entry, expectedVersion));
    }

    /** DE's administrator marks an entry unavailable from a minute ago for two days; returns the revision. */
    static long markUnavailable(Api api, String id, String reason) {
        Instant from = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(60);
        Api.Response marked = api.post("de-admin", "/directory/contact-points/" + id + "/unavailability", Api.JSON.createObjectNode()
                .put("from", MILLIS.format(from)).put("to", MILLIS.format(from.plus(Duration.ofDays(2)))).put("reason", reason));
        assertThat(marked.status()).as(marked.body()).isEqualTo(200);
        return marked.json().path("number").asLong();
    }

    static ObjectNode proposal(ObjectNode document) {
        ObjectNode body = Api.JSON.createObjectNode().put("reason", "infra test");
        body.set("document", document);
        return body;
    }

    /** The first event of this action in the request's trail, as the requester reads it (waits for it). */
    static JsonNode event(Api api, String id, String action) {
        return event(api, "nl-police", id, action);
    }

    static JsonNode event(Api api, String user, String id, String action) {
        return StreamSupport.stream(api.awaitEvent(user, id, action).spliterator(), false)
                .filter(e -> e.path("action").asText().equals(action)).findFirst().orElseThrow();
    }

    /**
     * The e-mail notice of a request's ROUTED event to {@code recipient}, as the outbox holds it
     * (quoted-printable soft line breaks joined); waits for it.
     */
    static String notice(LocalBroker broker, String requestId, String recipient) {
        Path file = broker.outbox().resolve(requestId + "-2-" + recipient + ".eml");
        long deadline = System.currentTimeMillis() + 30_000;
        while (!Files.isRegularFile(file)) {
            if (System.currentTimeMillis() > deadline) throw new AssertionError("no notice " + file.getFileName());
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        try {
            String text = Files.readString(file);
            assertThat(text).contains("request.routed");
            return text.replace("=\r\n", "").replace("=3D", "=");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static Duration between(JsonNode from, JsonNode to) {
        return Duration.between(Instant.parse(from.asText()), Instant.parse(to.asText()));
    }

    static void assertProblem(Api.Response response, int status, String pointer) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        JsonNode problem = response.json();
        assertThat(problem.path("status").asInt()).isEqualTo(status);
        assertThat(problem.path("title").asText()).isNotBlank();
        if (pointer != null) assertThat(problem.path("errors").findValuesAsText("pointer")).as(response.body()).contains(pointer);
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("\tat ");
    }
}
