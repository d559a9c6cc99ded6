package io.liaison.infra;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.liaison.local.LocalBroker;
import io.liaison.local.Template;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * template.yaml and the code agree on what each function may do. A tour through every route and
 * every event source records each AWS call a function makes (its action and resource, as IAM
 * sees them); then every call must be allowed by that function's policy, and every DynamoDB or
 * SQS action a policy allows must have been used by the function, so no policy grants more than
 * the code needs. The broker seals through {@code LocalKms}, as on AWS (the hierarchical keyring and
 * its key store, ADR 0021): every PayloadKey call is checked too, and refused if not granted. The
 * other keys and SES are not called locally (local keys, the outbox): their statements are checked
 * for shape only. Runs on a broker of its own so that only the tour is recorded.
 */
@ExtendWith(Broker.OwnWithKms.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FunctionPoliciesTest {
    private static final Set<String> OBSERVED = Set.of("dynamodb", "sqs");

    private final Template template = Template.read(Template.locate(Path.of("")));
    private Set<CallRecorder.Call> calls;

    @BeforeAll
    void tourEveryRouteAndEventSource(Api api, LocalBroker broker) throws Exception {
        CallRecorder.start(broker.tableName(), broker.keyStoreTableName());
        // The receiver refuses its first notice, so that the notifier delays a retry too.
        try (WebhookReceiver receiver = new WebhookReceiver(1)) {
            administer(api, receiver);
            // Early, so that every function deciding or showing by the directory loads a revision it has not seen.
            directoryAndRules(api);
            String preservation = preservationThroughItsLife(api);
            String answered = answerHeldAndReviewed(api, broker);
            productionOrderCleared(api);
            String withdrawn = api.file("nl-police", Api.preservation());
            api.awaitRouted("nl-police", withdrawn);
            api.post("nl-police", "/requests/" + withdrawn + "/withdrawal", Api.JSON.createObjectNode().put("reason", "done"));
            api.file("nl-police", Api.preservation().put("type", "content_data").put("targetJurisdiction", "FR"));
            audit(api, preservation);
            broker.runScheduled("DigestFunction");
            broker.runScheduled("DeadlineFunction", Instant.now().plus(Duration.ofDays(2)));
            api.awaitQuietTrail("nl-police", preservation);
            api.awaitQuietTrail("nl-police", answered);
        }
        calls = CallRecorder.calls();
    }

    private static void administer(Api api, WebhookReceiver receiver) {
        JsonNode policy = api.get("admin", "/policy").json().path("document");
        ((ObjectNode) policy).put("version", "release-tour-" + System.nanoTime());
        assertThat(api.put("admin", "/policy", policy).status()).isEqualTo(200);
        assertThat(api.put("admin", "/channels/contact-points/DE-POC247", Api.JSON.createObjectNode().put("type", "webhook")
                .put("url", receiver.url()).put("secret", "whsec_" + "A".repeat(43) + "=")).status()).isEqualTo(200);
        assertThat(api.get("admin", "/channels").status()).isEqualTo(200);
    }

    /**
     * Every route of the directory function: a change and an import by DE's administrator, a
     * period of unavailability (in a fortnight, so the tour's requests are not rerouted), the
     * trails, and a rule change proposed by one network administrator and approved by another.
     */
    private static void directoryAndRules(Api api) {
        assertThat(api.get("nl-police", "/directory?jurisdiction=DE").status()).isEqualTo(200);
        JsonNode export = api.get("de-admin", "/directory/export").json();
        ObjectNode csirt = (ObjectNode) entry(export, "DE-CSIRT");
        long version = csirt.path("version").asLong();
        csirt.remove("version");
        csirt.put("name", "CERT-Bund (BSI), tour");
        ObjectNode change = Api.JSON.createObjectNode().put("reason", "tour").put("expectedVersion", version);
        change.set("entry", csirt);
        assertThat(api.put("de-admin", "/directory/contact-points/DE-CSIRT", change).status()).isEqualTo(200);
        Instant fortnight = Instant.now().plus(Duration.ofDays(14));
        assertThat(api.post("de-admin", "/directory/contact-points/DE-CSIRT/unavailability", Api.JSON.createObjectNode()
                .put("from", fortnight.toString()).put("to", fortnight.plus(Duration.ofDays(1)).toString())
                .put("reason", "tour holiday")).status()).isEqualTo(200);
        JsonNode again = api.get("de-admin", "/directory/export").json();
        ((ObjectNode) entry(again, "DE-CSIRT")).put("source", "EU CSIRTs Network list (tour)");
        ObjectNode document = Api.JSON.createObjectNode().put("reason", "tour import").put("expectedRevision", again.path("revision").asLong());
        document.set("contactPoints", again.path("contactPoints"));
        assertThat(api.put("de-admin", "/directory", document).status()).isEqualTo(200);
        assertThat(api.get("auditor", "/directory/revisions").status()).isEqualTo(200);
        assertThat(api.get("auditor", "/directory/revisions/2").status()).isEqualTo(200);
        assertThat(api.get("auditor", "/directory/verification").status()).isEqualTo(200);

        JsonNode rules = api.get("nl-police", "/routing/rules").json().path("document");
        ((ObjectNode) rules).put("version", "routing-tour-" + System.nanoTime());
        ObjectNode proposal = Api.JSON.createObjectNode().put("reason", "tour");
        proposal.set("document", rules);
        Api.Response proposed = api.post("admin", "/routing/rules/proposals", proposal);
        assertThat(proposed.status()).isEqualTo(201);
        assertThat(api.get("admin", "/routing/rules/proposals").status()).isEqualTo(200);
        assertThat(api.post("admin-2", "/routing/rules/proposals/" + proposed.json().path("id").asText() + "/approval",
                Api.JSON.createObjectNode()).status()).isEqualTo(200);
        assertThat(api.get("auditor", "/routing/rules/revisions").status()).isEqualTo(200);
        assertThat(api.get("auditor", "/routing/rules/verification").status()).isEqualTo(200);
        assertThat(api.post("nl-police", "/routing/preview", Api.preservation()).status()).isEqualTo(200);
    }

    private static JsonNode entry(JsonNode export, String id) {
        for (JsonNode cp : export.path("contactPoints")) {
            if (cp.path("id").asText().equals(id)) return cp;
        }
        throw new AssertionError("no " + id + " in the export");
    }

    private static String preservationThroughItsLife(Api api) {
        assertThat(api.get("nl-police", "/legal-bases?targetJurisdiction=DE").status()).isEqualTo(200);
        String id = api.post("nl-police", "/requests", Api.preservation().toString(), "application/json",
                Map.of("Idempotency-Key", "tour-" + System.nanoTime())).json().path("id").asText();
        api.awaitRouted("nl-police", id);
        api.get("nl-police", "/requests?status=ROUTED&limit=5");
        api.get("de-poc247", "/requests?limit=5");
        api.get("nl-police", "/requests/" + id + "/events");
        api.post("de-poc247", "/requests/" + id + "/acknowledgement", Api.JSON.createObjectNode().put("decision", "accept"));
        api.post("de-poc247", "/requests/" + id + "/clarification-request", Api.JSON.createObjectNode().put("question", "UTC?"));
        api.post("nl-police", "/requests/" + id + "/clarification", Api.JSON.createObjectNode().put("answer", "Yes"));
        api.post("nl-police", "/requests/" + id + "/preservation-extension", Api.JSON.createObjectNode());
        return id;
    }

    private static String answerHeldAndReviewed(Api api, LocalBroker broker) {
        ObjectNode filing = Api.preservation().put("type", "subscriber_data").put("urgency", "routine");
        filing.putObject("legalBasis").put("instrument", "ETS_185").put("article", "31");
        filing.putArray("dataCategories").add("subscriber");
        String id = api.file("nl-police", filing);
        api.awaitRouted("nl-police", id);
        api.post("de-ca", "/requests/" + id + "/acknowledgement", Api.JSON.createObjectNode().put("decision", "accept"));
        ObjectNode answer = Api.JSON.createObjectNode().put("final", true).put("tlp", "TLP:AMBER");
        answer.putArray("records").addObject().put("category", "subscriber").put("owner", "data_subject")
                .put("originJurisdiction", "DE").put("specialCategory", true).putObject("fields").put("name", "M. Muster");
        Map<String, String> key = Map.of("Idempotency-Key", "tour-answer-" + System.nanoTime());
        Api.Response held = api.post("de-ca", "/requests/" + id + "/responses", answer.toString(), "application/json", key);
        api.post("de-ca", "/requests/" + id + "/responses", answer.toString(), "application/json", key); // replayed
        long number = held.json().path("number").asLong();
        api.get("de-dpo", "/reviews");
        api.get("de-dpo", "/requests/" + id + "/responses/" + number);
        api.post("de-dpo", "/requests/" + id + "/responses/" + number + "/review",
                Api.JSON.createObjectNode().put("decision", "approve").put("reason", "lawful under Art. 31"));
        api.get("nl-police", "/requests/" + id + "/responses");
        // Retention ended: TTL removes the payload, the router records the purge.
        broker.dynamoDb().deleteItem(d -> d.tableName(broker.tableName()).key(Map.of(
                "PK", AttributeValue.fromS("REQ#" + id), "SK", AttributeValue.fromS(String.format("RESP#%010d#PAYLOAD", number)))));
        api.awaitEvent("nl-police", id, "PAYLOAD_PURGED");
        return id;
    }

    private static void productionOrderCleared(Api api) {
        ObjectNode order = Api.preservation().put("type", "traffic_data").put("urgency", "routine");
        order.putObject("legalBasis").put("instrument", "EU_2023_1543").put("article", "5");
        order.putArray("dataCategories").add("traffic");
        String id = api.file("nl-police", order);
        api.awaitRouted("nl-police", id);
        api.post("de-eevidence", "/requests/" + id + "/acknowledgement", Api.JSON.createObjectNode().put("decision", "accept"));
        assertThat(api.post("de-eevidence", "/requests/" + id + "/notification-clearance", Api.JSON.createObjectNode()).status())
                .isEqualTo(200);
    }

    private static void audit(Api api, String id) {
        Instant now = Instant.now();
        api.get("auditor", "/audit/requests/" + id + "/events");
        api.get("auditor", "/audit/requests/" + id + "/verification");
        api.get("auditor", "/audit/events?from=" + now.minusSeconds(600) + "&to=" + now.plusSeconds(60));
        api.get(null, "/audit/public-key");
        api.get("auditor", "/audit/export?from=" + now.minusSeconds(600) + "&to=" + now.plusSeconds(60));
    }

    @Test
    void everyCallAFunctionMakes_isAllowedByItsPolicy() {
        List<String> denied = new ArrayList<>();
        for (CallRecorder.Call call : calls) {
            Template.Function function = function(call.function());
            if (TemplatePolicies.of(template, function).stream().noneMatch(s -> s.allows(call.action(), call.resource()))) {
                denied.add(call.function() + " calls " + call.action() + " on " + call.resource()
                        + ", which its policy in template.yaml does not allow");
            }
        }
        assertThat(denied).isEmpty();
    }

    @Test
    void everyDynamoDbAndSqsPermission_isUsedByTheFunctionItIsGivenTo() {
        List<String> unused = new ArrayList<>();
        for (Template.Function function : template.functions()) {
            Set<String> lambdaUses = eventSourcePermissions(function);
            for (TemplatePolicies.Statement statement : TemplatePolicies.of(template, function)) {
                for (String action : statement.actions()) {
                    if (!OBSERVED.contains(action.substring(0, action.indexOf(':')))) continue;
                    for (String resource : statement.resources()) {
                        String permission = action + " " + resource;
                        if (lambdaUses.contains(permission)) continue;
                        if (!calls.contains(new CallRecorder.Call(function.logicalId(), action, resource))) {
                            unused.add(function.logicalId() + " may " + permission + " but never does");
                        }
                    }
                }
            }
        }
        assertThat(unused).as("permissions no call of the tour needed (recorded: %s)", CallRecorder.describe(calls)).isEmpty();
    }

    @Test
    void noPolicyUsesWildcardActions_andKmsAndSesStatementsNameTheirResource() {
        List<String> wide = new ArrayList<>();
        for (Template.Function function : template.functions()) {
            for (TemplatePolicies.Statement statement : TemplatePolicies.of(template, function)) {
                statement.actions().stream().filter(a -> a.contains("*"))
                        .forEach(a -> wide.add(function.logicalId() + " allows " + a));
                statement.actions().stream().filter(a -> a.equals("dynamodb:Scan"))
                        .forEach(a -> wide.add(function.logicalId() + " allows dynamodb:Scan; Liaison never scans"));
                if (statement.resources().contains("*")) wide.add(function.logicalId() + " grants " + statement.actions() + " on *");
                statement.actions().stream().filter(a -> a.startsWith("kms:"))
                        .filter(a -> statement.resources().stream().anyMatch(r -> !r.startsWith("key/")))
                        .forEach(a -> wide.add(function.logicalId() + " allows " + a + " on something that is not one of the stack's keys"));
            }
        }
        assertThat(wide).isEmpty();
    }

    /**
     * What people write on requests is sealed under PayloadKey (issue 14): only the functions that
     * show it (intake, casework, tracking) or open payloads and webhook secrets may decrypt with that
     * key; the router, the deadline monitor, the audit and digest functions and the policy function
     * cannot, so neither their code nor anyone holding their role reads a filing.
     */
    @Test
    void onlyTheFunctionsThatShowARequestsWords_mayDecryptWithThePayloadKey() {
        Set<String> mayDecrypt = new HashSet<>();
        for (Template.Function function : template.functions()) {
            for (TemplatePolicies.Statement statement : TemplatePolicies.of(template, function)) {
                if (statement.resources().contains("key/PayloadKey") && statement.actions().contains("kms:Decrypt")) {
                    mayDecrypt.add(function.logicalId());
                }
            }
        }
        assertThat(mayDecrypt).containsExactlyInAnyOrder("IntakeFunction", "CaseworkFunction", "TrackingFunction",
                "ReviewFunction", "NotifierFunction");
        // With the hierarchical keyring, reading the key store and decrypting is holding the branch key,
        // which seals as well as opens: only the functions that seal or open payloads and words may read it.
        // Only the policy function has KMS seal anything itself (a webhook secret, ADR 0024); nobody asks
        // for data keys: payloads and words are sealed under the branch key.
        Set<String> mayReadKeyStore = new HashSet<>();
        Set<String> makeDataKeys = new HashSet<>();
        Set<String> encrypt = new HashSet<>();
        for (Template.Function function : template.functions()) {
            for (TemplatePolicies.Statement statement : TemplatePolicies.of(template, function)) {
                if (statement.resources().contains("table:PayloadKeyStore")) mayReadKeyStore.add(function.logicalId());
                if (statement.actions().contains("kms:GenerateDataKey")) makeDataKeys.add(function.logicalId());
                if (statement.actions().contains("kms:Encrypt")) encrypt.add(function.logicalId());
            }
        }
        assertThat(mayReadKeyStore).containsExactlyInAnyOrder("IntakeFunction", "CaseworkFunction", "TrackingFunction",
                "ReviewFunction");
        assertThat(makeDataKeys).isEmpty();
        assertThat(encrypt).containsExactly("PolicyFunction");
        assertThat(mayDecrypt).doesNotContain("RouterFunction", "AuditFunction", "DeadlineFunction", "DigestFunction",
                "PolicyFunction");
    }

    @Test
    void theTourReachedEveryFunction() {
        Set<String> called = new HashSet<>();
        calls.forEach(c -> called.add(c.function()));
        assertThat(called).containsExactlyInAnyOrderElementsOf(template.functions().stream().map(Template.Function::logicalId).toList());
    }

    /** What Lambda itself does with the function's role: read its stream or queue, send stream failures on. */
    private Set<String> eventSourcePermissions(Template.Function function) {
        Set<String> uses = new HashSet<>();
        if (!function.streams().isEmpty()) {
            for (String action : List.of("DescribeStream", "GetRecords", "GetShardIterator", "ListStreams")) {
                uses.add("dynamodb:" + action + " table/stream");
            }
        }
        for (Template.QueueTrigger trigger : function.queues()) {
            for (String action : List.of("ReceiveMessage", "DeleteMessage", "GetQueueAttributes")) {
                uses.add("sqs:" + action + " queue/" + trigger.queue());
            }
        }
        Map<?, ?> events = function.properties().get("Events") instanceof Map<?, ?> m ? m : Map.of();
        for (Object event : events.values()) {
            Object destination = path(event, "Properties", "DestinationConfig", "OnFailure", "Destination");
            if (destination instanceof Map<?, ?> d && d.get("Fn::GetAtt") instanceof List<?> parts) {
                uses.add("sqs:SendMessage queue/" + parts.get(0));
            }
        }
        return uses;
    }

    private static Object path(Object node, String... keys) {
        for (String key : keys) node = node instanceof Map<?, ?> m ? m.get(key) : null;
        return node;
    }

    private Template.Function function(String logicalId) {
        return template.functions().stream().filter(f -> f.logicalId().equals(logicalId)).findFirst().orElseThrow();
    }
}
