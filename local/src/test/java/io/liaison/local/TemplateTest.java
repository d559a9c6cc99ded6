package io.liaison.local;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.liaison.config.Environment;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** template.yaml and the handlers agree: what AWS deploys is what the local server runs. */
class TemplateTest {
    private final Template template = Template.read(Template.locate(Path.of("")));

    @Test
    void theTemplateDeclaresTheTableAndThePayloadKeyStore_andItsFunctions() {
        assertThat(template.tables()).containsOnlyKeys("RequestsTable", "PayloadKeyStore");
        assertThat(template.functions()).extracting(Template.Function::logicalId)
                .containsExactlyInAnyOrder("IntakeFunction", "CaseworkFunction", "TrackingFunction", "ReviewFunction", "PolicyFunction", "AuditFunction", "DigestFunction",
                        "RouterFunction", "DeadlineFunction", "NotifierFunction", "DirectoryFunction");
    }

    @Test
    void everyRouteOfTheApi_isServedByExactlyOneFunction() {
        List<String> routes = template.functions().stream().flatMap(f -> f.routes().stream())
                .map(Template.Route::routeKey).toList();

        assertThat(routes).containsExactlyInAnyOrder("POST /requests", "POST /requests/{id}/withdrawal",
                "POST /requests/{id}/acknowledgement", "GET /requests", "GET /requests/{id}", "GET /requests/{id}/events",
                "POST /requests/{id}/responses", "GET /requests/{id}/responses", "GET /reviews",
                "GET /requests/{id}/responses/{number}", "POST /requests/{id}/responses/{number}/review",
                "GET /policy", "PUT /policy", "POST /requests/{id}/notification-clearance",
                "GET /audit/requests/{id}/events", "GET /audit/requests/{id}/verification", "GET /audit/events",
                "GET /audit/public-key", "GET /audit/export", "POST /requests/{id}/clarification",
                "POST /requests/{id}/preservation-extension", "POST /requests/{id}/clarification-request",
                "GET /channels", "PUT /channels/contact-points/{contactPointId}", "PUT /channels/agencies/{jurisdiction}/{agency}",
                "GET /legal-bases", "GET /directory", "PUT /directory", "GET /directory/export",
                "PUT /directory/contact-points/{contactPointId}", "POST /directory/contact-points/{contactPointId}/unavailability",
                "GET /directory/revisions", "GET /directory/revisions/{number}", "GET /directory/verification",
                "GET /routing/rules", "GET /routing/rules/revisions", "GET /routing/rules/verification",
                "POST /routing/rules/proposals", "GET /routing/rules/proposals",
                "POST /routing/rules/proposals/{proposalId}/approval", "POST /routing/preview");
    }

    @Test
    void theRouter_isTriggeredByTheTablesStream() {
        assertThat(function("RouterFunction").streams()).singleElement().satisfies(trigger -> {
            assertThat(trigger.table()).isEqualTo("RequestsTable");
            assertThat(trigger.maximumRetryAttempts()).isEqualTo(20); // the local poller retries as often as Lambda
        });
    }

    @Test
    void theRoutersStreamFilter_passesEveryEventThatCanCallForANotice() throws Exception {
        String yaml = java.nio.file.Files.readString(Template.locate(Path.of("")));
        var filter = java.util.regex.Pattern.compile("\"kind\": \\{\"S\": \\[\"EVENT\"\\]\\}, \"action\": \\{\"S\": \\[([^]]*)\\]")
                .matcher(yaml);

        assertThat(filter.find()).as("an EVENT filter naming actions on the router's stream").isTrue();
        assertThat(java.util.Arrays.stream(filter.group(1).split(",")).map(a -> a.strip().replace("\"", "")).toList())
                .containsExactlyInAnyOrderElementsOf(io.liaison.core.Notification.ACTIONS);
    }

    @Test
    void everyFunction_getsTheTableNameFromTheTemplate() {
        for (Template.Function function : template.functions()) {
            assertThat(function.environment()).containsEntry("TABLE_NAME", Map.of("Ref", "RequestsTable"));
        }
    }

    @Test
    void everyHandler_answersEveryRouteTheTemplateGivesIt() throws Exception {
        var generator = java.security.KeyPairGenerator.getInstance("EC");
        generator.initialize(new java.security.spec.ECGenParameterSpec("secp256r1"));
        var digestKey = generator.generateKeyPair();
        var base64 = java.util.Base64.getEncoder();
        Environment env = new Environment(Map.ofEntries(Map.entry("TABLE_NAME", "unused"),
                Map.entry("AWS_REGION", "eu-central-1"),
                Map.entry("AWS_ACCESS_KEY_ID", "x"),
                Map.entry("AWS_SECRET_ACCESS_KEY", "x"),
                Map.entry("AWS_ENDPOINT_URL_DYNAMODB", "http://127.0.0.1:9"),
                Map.entry("PAYLOAD_KEY", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="),
                Map.entry("PSEUDONYM_KEY", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="),
                Map.entry("DIGEST_SIGNING_KEY", base64.encodeToString(digestKey.getPrivate().getEncoded())),
                Map.entry("DIGEST_PUBLIC_KEY", base64.encodeToString(digestKey.getPublic().getEncoded())),
                Map.entry("NOTIFICATION_QUEUE_URL", "http://127.0.0.1:9/000000000000/NotificationQueue"),
                Map.entry("MAIL_OUTBOX", System.getProperty("java.io.tmpdir"))));
        for (Template.Function function : template.functions()) {
            Class<?> type = Class.forName(function.handlerClass());
            assertThat(type.getConstructor()).as("Lambda's no-argument constructor of " + type).isNotNull();
            Object handler = type.getConstructor(Environment.class).newInstance(env);
            for (Template.Route route : function.routes()) {
                @SuppressWarnings("unchecked")
                var api = (RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>) handler;
                APIGatewayV2HTTPResponse response = api.handleRequest(APIGatewayV2HTTPEvent.builder()
                        .withRouteKey(route.routeKey()).withHeaders(Map.of()).build(), null);

                // No token claims: a handler that serves the route stops at the caller (403), one that does not
                // know it answers "No such route" (404).
                assertThat(response.getStatusCode()).as(function.logicalId() + " " + route.routeKey())
                        .isEqualTo(route.open() ? 200 : 403);
            }
        }
    }

    private Template.Function function(String logicalId) {
        return template.functions().stream().filter(f -> f.logicalId().equals(logicalId)).findFirst().orElseThrow();
    }
}
