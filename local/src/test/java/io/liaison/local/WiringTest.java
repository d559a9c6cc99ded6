package io.liaison.local;

import io.liaison.config.Environment;
import io.liaison.config.Wiring;
import io.liaison.store.RequestItems;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static io.liaison.local.Template.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * template.yaml gives each function what its code reads, and declares what the code uses: the
 * table's indexes with the keys the code writes, the queue the router fills and the notifier
 * drains, the KMS keys of the right kind, the schedules. (What each function may do with them is
 * FunctionPoliciesTest in infra-tests, which watches the calls.)
 */
class WiringTest {
    private final Template template = Template.read(Template.locate(Path.of("")));

    /** The function's environment on Lambda: the template's variables as CloudFormation resolves them, and what Lambda sets. */
    private Environment onLambda(Template.Function function) {
        Map<String, String> values = new HashMap<>(Map.of("AWS_REGION", "eu-central-1", "AWS_ACCESS_KEY_ID", "key",
                "AWS_SECRET_ACCESS_KEY", "secret", "AWS_SESSION_TOKEN", "token", "AWS_LAMBDA_FUNCTION_NAME", function.logicalId()));
        function.environment().forEach((name, value) -> values.put(name, resolved(value)));
        return new Environment(values);
    }

    /** What CloudFormation puts in a variable: a table's name, a queue's URL, a key's ARN, a parameter's value. */
    private String resolved(Object value) {
        if (value instanceof String text) return text;
        Map<String, Object> reference = map(value);
        String target = reference.get("Ref") instanceof String ref ? ref
                : reference.get("Fn::GetAtt") instanceof List<?> parts ? String.valueOf(parts.getFirst()) : null;
        // The stack's name (LIAISON_STACK, the metrics' dimension): a pseudo parameter, not a resource.
        if ("AWS::StackName".equals(target)) return "liaison";
        Object type = map(template.resources().get(target)).get("Type");
        if ("AWS::SQS::Queue".equals(type)) return "https://sqs.eu-central-1.amazonaws.com/123456789012/" + target;
        if ("AWS::KMS::Key".equals(type)) return "arn:aws:kms:eu-central-1:123456789012:key/0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b";
        if ("AWS::DynamoDB::Table".equals(type)) return target;
        if (template.parameters().containsKey(target)) return String.valueOf(map(template.parameters().get(target)).get("Default"));
        throw new AssertionError("the test cannot resolve " + value);
    }

    @TestFactory
    Stream<DynamicTest> everyVariableAHandlerReads_isSetForItInTheTemplate() {
        return template.functions().stream().map(function -> DynamicTest.dynamicTest(function.logicalId(), () -> {
            try {
                Class.forName(function.handlerClass()).getConstructor(Environment.class).newInstance(onLambda(function));
            } catch (java.lang.reflect.InvocationTargetException e) {
                fail("%s cannot start with the environment template.yaml gives it: %s", function.logicalId(), e.getCause().getMessage());
            }
        }));
    }

    @Test
    void theTemplate_neverLetsWebhooksReachTheLoopbackInterface() throws Exception {
        // Only the local server sets it (LocalBroker): on Lambda, localhost:9001 is the Runtime API.
        assertThat(template.functions()).allSatisfy(f -> assertThat(f.environment()).as(f.logicalId())
                .doesNotContainKey(Wiring.WEBHOOK_ALLOW_LOOPBACK));
        assertThat(java.nio.file.Files.readString(Template.locate(Path.of("")))).doesNotContain(Wiring.WEBHOOK_ALLOW_LOOPBACK);
        template.functions().stream().filter(f -> f.logicalId().equals("PolicyFunction") || f.logicalId().equals("NotifierFunction"))
                .forEach(f -> assertThat(Wiring.webhookReach(onLambda(f))).as(f.logicalId()).isEqualTo(io.liaison.core.webhook.Reach.PUBLIC));
    }

    @Test
    void theTableDeclaresEveryIndexTheCodeQueries_keyedAsTheCodeWritesIt() {
        Map<String, Object> table = template.tables().get("RequestsTable").properties();
        Map<String, List<String>> declared = new HashMap<>();
        for (Object index : (List<?>) table.get("GlobalSecondaryIndexes")) {
            Map<String, Object> i = map(index);
            declared.put(String.valueOf(i.get("IndexName")), ((List<?>) i.get("KeySchema")).stream()
                    .map(k -> String.valueOf(map(k).get("AttributeName"))).toList());
        }

        assertThat(declared).containsEntry(RequestItems.BY_AGENCY, List.of(RequestItems.GSI1PK, RequestItems.GSI1SK))
                .containsEntry(RequestItems.BY_CONTACT_POINT, List.of(RequestItems.GSI2PK, RequestItems.GSI2SK))
                .containsEntry(RequestItems.HELD_FOR_REVIEW, List.of(RequestItems.GSI3PK, RequestItems.GSI3SK))
                .containsEntry(RequestItems.EVENTS_BY_DAY, List.of(RequestItems.GSI4PK, RequestItems.GSI4SK))
                .containsEntry(RequestItems.DUE_BY, List.of(RequestItems.GSI5PK, RequestItems.GSI5SK));
        assertThat(map(table.get("TimeToLiveSpecification"))).containsEntry("AttributeName", RequestItems.EXPIRES_AT);
        assertThat(map(table.get("StreamSpecification"))).containsEntry("StreamViewType", "NEW_AND_OLD_IMAGES");
    }

    @Test
    void theRouterFillsTheQueueTheNotifierDrains_andTheNotifierGivesUpWhenTheQueueDoes() {
        Template.Function router = function("RouterFunction");
        Template.Function notifier = function("NotifierFunction");
        Template.Queue queue = template.queues().get(notifier.queues().getFirst().queue());

        assertThat(router.environment().get("NOTIFICATION_QUEUE_URL")).isEqualTo(Map.of("Ref", queue.logicalId()));
        assertThat(notifier.environment().get("NOTIFICATION_QUEUE_URL")).isEqualTo(Map.of("Ref", queue.logicalId()));
        assertThat(notifier.queues().getFirst().reportBatchItemFailures()).isTrue();
        assertThat(queue.redrive()).as("a dead-letter queue behind the notices").isNotNull();
        assertThat(Integer.parseInt(String.valueOf(notifier.environment().get("NOTIFY_MAX_ATTEMPTS"))))
                .as("NOTIFY_MAX_ATTEMPTS must equal maxReceiveCount: the last attempt records NON_DELIVERY")
                .isEqualTo(queue.redrive().maxReceiveCount());
        int timeout = Integer.parseInt(String.valueOf(notifier.properties().get("Timeout")));
        assertThat(queue.visibilityTimeoutSeconds()).as("AWS: the queue's visibility timeout at least six times the function's")
                .isGreaterThanOrEqualTo(6 * timeout);
    }

    @Test
    void eachKmsKeyTheCodeUses_isDeclaredWithTheKindTheCodeNeeds() {
        Map<String, Object> globals = function("IntakeFunction").environment();
        assertThat(keyOf(globals.get(Wiring.PAYLOAD_KMS_KEY_ARN))).as("payloads: a symmetric encryption key")
                .doesNotContainKey("KeySpec");
        assertThat(keyOf(globals.get(Wiring.PSEUDONYM_KMS_KEY_ARN))).containsEntry("KeySpec", "HMAC_256")
                .containsEntry("KeyUsage", "GENERATE_VERIFY_MAC");
        assertThat(keyOf(globals.get(Wiring.DIGEST_KMS_KEY_ARN))).containsEntry("KeySpec", "ECC_NIST_P256")
                .containsEntry("KeyUsage", "SIGN_VERIFY");
    }

    @Test
    void theScheduledFunctions_runAsOftenAsTheirCodeExpects() {
        // Digests cover the hour that ended; the deadline monitor acts within a minute of a deadline.
        assertThat(function("DigestFunction").schedules()).containsExactly(java.time.Duration.ofHours(1));
        assertThat(function("DeadlineFunction").schedules()).containsExactly(java.time.Duration.ofMinutes(1));
    }

    /**
     * The directory function serves every route template.yaml sends it: with path parameters as API
     * Gateway fills them and a token without Liaison's claims, each route stops at its own checks
     * (no table read), never at the handler's "No such route".
     */
    @TestFactory
    Stream<DynamicTest> theDirectoryFunction_servesEveryRouteTheTemplateSendsIt() throws Exception {
        Template.Function function = function("DirectoryFunction");
        var handler = new io.liaison.directory.DirectoryHandler(onLambda(function));
        Map<String, String> parameters = Map.of("contactPointId", "DE-POC247", "number", "1",
                "proposalId", "00000000-0000-4000-8000-000000000000");
        assertThat(function.routes()).isNotEmpty();
        Stream<DynamicTest> served = function.routes().stream().map(route -> DynamicTest.dynamicTest(route.routeKey(), () -> {
            Map<String, String> used = new HashMap<>();
            parameters.forEach((name, value) -> {
                if (route.path().contains("{" + name + "}")) used.put(name, value);
            });
            var response = handler.handleRequest(io.liaison.config.Priming.apiEvent(route.routeKey(), used, Map.of(), null), null);

            assertThat(response.getBody()).as(route.routeKey()).doesNotContain("No such route");
            assertThat(response.getStatusCode()).as(route.routeKey() + ": " + response.getBody()).isBetween(400, 499);
        }));
        Stream<DynamicTest> unknown = Stream.of(DynamicTest.dynamicTest("a route it is not given", () ->
                assertThat(handler.handleRequest(io.liaison.config.Priming.apiEvent("GET /directory/nowhere", Map.of(), Map.of(), null), null)
                        .getBody()).contains("No such route")));
        return Stream.concat(served, unknown);
    }

    /**
     * An administrator's token says which directory entries it may change (claim jurisdictions) and
     * whether it is a network administrator (claim network), as an auditor's says which trails it
     * reads. On AWS the user pool issues the tokens: each claim the API reads must be one of its
     * attributes, and both clients must put it in the token.
     */
    @Test
    void everyClaimTheApiReads_isAnAttributeOfTheUserPool_andInTheTokensOfBothClients() {
        List<String> claims = List.of("role", "jurisdiction", "agency", "contact_point", "jurisdictions", "network");
        Map<String, Object> pool = map(map(template.resources().get("UserPool")).get("Properties"));
        List<String> attributes = ((List<?>) pool.get("Schema")).stream().map(a -> String.valueOf(map(a).get("Name"))).toList();

        assertThat(attributes).as("UserPool Schema").containsAll(claims);
        for (String client : List.of("UserPoolClient", "ConsoleClient")) {
            Map<String, Object> properties = map(map(template.resources().get(client)).get("Properties"));
            assertThat(((List<?>) properties.get("ReadAttributes")).stream().map(String::valueOf).toList()).as(client + " ReadAttributes")
                    .containsAll(claims.stream().map(c -> "custom:" + c).toList());
        }
    }

    private Map<String, Object> keyOf(Object getAtt) {
        String logicalId = String.valueOf(((List<?>) map(getAtt).get("Fn::GetAtt")).getFirst());
        Map<String, Object> resource = map(template.resources().get(logicalId));
        assertThat(resource.get("Type")).as(logicalId).isEqualTo("AWS::KMS::Key");
        return map(resource.get("Properties"));
    }

    private Template.Function function(String logicalId) {
        return template.functions().stream().filter(f -> f.logicalId().equals(logicalId)).findFirst().orElseThrow();
    }
}
