package io.liaison.payloadkey;

import io.liaison.customresource.CustomResource;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.liaison.local.LocalBroker;
import io.liaison.local.LocalKms;
import io.liaison.local.Template;
import io.liaison.store.EncryptedPayloads;
import io.liaison.store.PayloadCipher;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.GenerateDataKeyWithoutPlaintextRequest;
import software.amazon.awssdk.services.kms.model.ReEncryptRequest;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The custom resource that creates the payload branch key at deploy (functions/payload-key,
 * ADR 0021), against the key store of template.yaml in DynamoDB Local and PayloadKey in LocalKms,
 * which grants the function exactly the KMS actions its policy in payload-key.yaml allows: Create
 * makes a key the sealing functions seal and open with, a second Create changes nothing, Delete
 * answers SUCCESS and leaves the key, and every call is allowed and every permission used. In the
 * handler's package because its CloudFormation port is package-private.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PayloadBranchKeyTest {
    private static final String KEY_ARN = "arn:aws:kms:eu-central-1:000000000000:key/local-payload-key";
    private static final String FUNCTION = "PayloadKeyFunction";
    private static final Map<String, String> CONTEXT = Map.of("requestId", "r-1", "part", "request");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path root = Template.locate(Path.of("")).getParent();
    private final Template nested = Template.read(root.resolve("functions/payload-key/payload-key.yaml"));
    private final Template stack = Template.read(Template.locate(Path.of("")));

    private LocalBroker broker;
    private LocalKms kms;
    private final List<JsonNode> answers = new CopyOnWriteArrayList<>();
    private final List<String> dynamoCalls = new CopyOnWriteArrayList<>();
    private final List<String> kmsCalls = new CopyOnWriteArrayList<>();
    private final List<Map<String, String>> kmsContexts = new CopyOnWriteArrayList<>();
    private final CustomResource.Answer recording = (url, body) -> answers.add(JSON.readTree(body));

    private List<Map<String, AttributeValue>> afterFirstCreate;
    private List<Map<String, AttributeValue>> afterSecondCreate;
    private List<Map<String, AttributeValue>> afterDelete;

    @BeforeAll
    void createTwice_sealAndOpen_thenDelete() throws Exception {
        broker = LocalBroker.start(LocalBroker.Options.defaults().withPorts(0, 0));
        kms = LocalKms.start("127.0.0.1", 0, KEY_ARN, new byte[32], Map.of(FUNCTION, grantedKmsActions(),
                "TrackingFunction", Set.of("kms:Decrypt")));
        PayloadKeyHandler handler = new PayloadKeyHandler(recordingDynamoDb(), kms(FUNCTION, true), recording);

        handler.handleRequest(event("Create", null, Map.of("KeyStore", broker.keyStoreTableName(), "KeyArn", KEY_ARN)),
                new ByteArrayOutputStream(), null);
        afterFirstCreate = keyStore();
        handler.handleRequest(event("Create", null, Map.of("KeyStore", broker.keyStoreTableName(), "KeyArn", KEY_ARN)),
                new ByteArrayOutputStream(), null);
        afterSecondCreate = keyStore();
        handler.handleRequest(event("Delete", "liaison-payloads@" + broker.keyStoreTableName(),
                Map.of("KeyStore", broker.keyStoreTableName(), "KeyArn", KEY_ARN)), new ByteArrayOutputStream(), null);
        afterDelete = keyStore();
    }

    @AfterAll
    void stop() {
        kms.close();
        broker.close();
    }

    @Test
    void create_makesTheBranchKey_andAnswersSuccessWithTheKeyAndItsStoreAsItsId() {
        assertThat(answers.getFirst().path("Status").asText()).isEqualTo("SUCCESS");
        assertThat(answers.getFirst().path("PhysicalResourceId").asText()).isEqualTo("liaison-payloads@" + broker.keyStoreTableName());
        assertThat(afterFirstCreate).extracting(item -> item.get("type").s())
                .contains("branch:ACTIVE", "beacon:ACTIVE").anyMatch(t -> t.startsWith("branch:version:"));
    }

    @Test
    void aFunctionThatMayOpen_sealsAndOpensUnderTheKeyTheStackCreated() {
        PayloadCipher cipher = EncryptedPayloads.hierarchical(KEY_ARN, broker.keyStoreTableName(),
                EncryptedPayloads.PAYLOAD_BRANCH_KEY, 300, broker.dynamoDb(), kms("TrackingFunction", false));

        byte[] sealed = cipher.seal("words".getBytes(StandardCharsets.UTF_8), CONTEXT);

        assertThat(cipher.open(sealed, CONTEXT)).asString(StandardCharsets.UTF_8).isEqualTo("words");
    }

    @Test
    void creatingAgain_changesNothing_andSucceeds() {
        assertThat(answers.get(1).path("Status").asText()).isEqualTo("SUCCESS");
        assertThat(answers.get(1).path("PhysicalResourceId").asText()).isEqualTo(answers.getFirst().path("PhysicalResourceId").asText());
        assertThat(afterSecondCreate).isEqualTo(afterFirstCreate);
        // Only the first Create asked KMS for anything: the version's key, its copy as the active version, the beacon key.
        assertThat(kmsCalls).containsExactly("GenerateDataKeyWithoutPlaintext", "ReEncrypt", "GenerateDataKeyWithoutPlaintext");
    }

    @Test
    void delete_answersSuccess_andLeavesTheKey_soThatWhatWasSealedStaysOpenable() {
        assertThat(answers).hasSize(3);
        assertThat(answers.get(2).path("Status").asText()).isEqualTo("SUCCESS");
        assertThat(answers.get(2).path("PhysicalResourceId").asText()).isEqualTo("liaison-payloads@" + broker.keyStoreTableName());
        assertThat(afterDelete).isEqualTo(afterFirstCreate);
    }

    @Test
    void aKeyThatCannotBeMade_isAnsweredFailedWithTheReason_notLeftWaiting() throws Exception {
        List<JsonNode> own = new ArrayList<>();
        var handler = new PayloadKeyHandler(broker.dynamoDb(), kms("RouterFunction", false), (url, body) -> own.add(JSON.readTree(body)));

        handler.handleRequest(event("Create", null, Map.of("KeyStore", broker.keyStoreTableName() + "-missing", "KeyArn", KEY_ARN)),
                new ByteArrayOutputStream(), null);
        handler.handleRequest(event("Update", "liaison-payloads@x", Map.of("KeyStore", broker.keyStoreTableName())),
                new ByteArrayOutputStream(), null);

        assertThat(own).hasSize(2).allSatisfy(a -> assertThat(a.path("Status").asText()).isEqualTo("FAILED"));
        assertThat(own.get(0).path("Reason").asText()).contains("ResourceNotFoundException");
        assertThat(own.get(1).path("Reason").asText()).contains("the resource has no KeyArn");
        assertThat(own.get(1).path("PhysicalResourceId").asText()).isEqualTo("liaison-payloads@x");
    }

    @Test
    void everyCallTheFunctionMakes_isAllowedByItsPolicy_andEveryPermissionIsUsed() {
        Set<String> allowed = new TreeSet<>();
        for (Map<String, Object> statement : statements()) {
            list(statement.get("Action")).forEach(a -> allowed.add(String.valueOf(a)));
            assertThat(list(statement.get("Resource"))).singleElement().satisfies(r ->
                    assertThat(r).isIn(Map.of("Ref", "KeyStoreArn"), Map.of("Ref", "KeyArn")));
        }
        Set<String> used = new TreeSet<>(dynamoCalls);
        // IAM's names of ReEncrypt: it reads from one key and writes to another (both PayloadKey).
        kmsCalls.forEach(c -> used.add(c.equals("ReEncrypt") ? "kms:ReEncrypt*" : "kms:" + c));

        assertThat(used).isEqualTo(allowed).containsExactlyInAnyOrder("dynamodb:GetItem", "dynamodb:PutItem",
                "kms:GenerateDataKeyWithoutPlaintext", "kms:ReEncrypt*");
    }

    @Test
    void everyContextTheLibraryPutsToKms_namesThisBranchKey_soThePolicysConditionHolds() {
        Map<String, Object> condition = map(map(statements().get(1).get("Condition")).get("StringEquals"));
        assertThat(condition).containsExactly(Map.entry("kms:EncryptionContext:branch-key-id", EncryptedPayloads.PAYLOAD_BRANCH_KEY));

        assertThat(kmsContexts).hasSize(4).allSatisfy(c -> assertThat(c).containsEntry("branch-key-id", EncryptedPayloads.PAYLOAD_BRANCH_KEY));
    }

    @Test
    void theStack_createsTheKeyThroughTheNestedStack_beforeAnyFunctionThatSealsOrOpens() {
        Map<String, Object> application = map(stack.resources().get("PayloadBranchKey"));
        assertThat(application.get("Type")).isEqualTo("AWS::Serverless::Application");
        Map<String, Object> properties = map(application.get("Properties"));
        assertThat(properties.get("Location")).isEqualTo("functions/payload-key/payload-key.yaml");
        assertThat(map(properties.get("Parameters"))).containsEntry("KeyStore", Map.of("Ref", "PayloadKeyStore"))
                .containsEntry("KeyStoreArn", Map.of("Fn::GetAtt", List.of("PayloadKeyStore", "Arn")))
                .containsEntry("KeyArn", Map.of("Fn::GetAtt", List.of("PayloadKey", "Arn")));

        Map<String, Object> resource = map(nested.resources().get("PayloadBranchKey"));
        assertThat(resource.get("Type")).isEqualTo("Custom::PayloadBranchKey");
        assertThat(map(resource.get("Properties")).get("ServiceToken")).isEqualTo(Map.of("Fn::GetAtt", List.of(FUNCTION, "Arn")));
        assertThat(nested.functions()).singleElement().satisfies(f -> assertThat(f.handlerClass()).isEqualTo(PayloadKeyHandler.class.getName()));

        // Every function that reads the key store seals or opens under the branch key: none runs before it exists.
        Set<String> readKeyStore = new HashSet<>();
        for (Template.Function function : stack.functions()) {
            if (String.valueOf(function.properties().get("Policies")).contains("PayloadKeyStore")) readKeyStore.add(function.logicalId());
        }
        assertThat(readKeyStore).isNotEmpty().allSatisfy(function ->
                assertThat(list(map(stack.resources().get(function)).get("DependsOn"))).as(function).contains("PayloadBranchKey"));
    }

    private Set<String> grantedKmsActions() {
        Set<String> actions = new TreeSet<>();
        for (Map<String, Object> statement : statements()) {
            for (Object action : list(statement.get("Action"))) {
                String a = String.valueOf(action);
                // LocalKms names the operation; IAM's ReEncrypt* covers ReEncryptFrom and ReEncryptTo.
                if (a.startsWith("kms:")) actions.add(a.equals("kms:ReEncrypt*") ? "kms:ReEncrypt" : a);
            }
        }
        return Set.copyOf(actions);
    }

    private List<Map<String, Object>> statements() {
        List<Map<String, Object>> statements = new ArrayList<>();
        for (Object policy : list(nested.functions().getFirst().properties().get("Policies"))) {
            for (Object s : list(map(policy).get("Statement"))) {
                assertThat(map(s).get("Effect")).isEqualTo("Allow");
                statements.add(map(s));
            }
        }
        return statements;
    }

    private List<Map<String, AttributeValue>> keyStore() {
        return broker.dynamoDb().scan(s -> s.tableName(broker.keyStoreTableName()).consistentRead(true)).items().stream()
                .sorted(java.util.Comparator.comparing(item -> item.get("type").s())).toList();
    }

    /** The broker's DynamoDB, recording each call as IAM sees it (a transaction as the actions of its items). */
    private DynamoDbClient recordingDynamoDb() {
        return DynamoDbClient.builder().region(Region.EU_CENTRAL_1).endpointOverride(URI.create(broker.dynamoEndpoint()))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(c -> c.addExecutionInterceptor(new ExecutionInterceptor() {
                    @Override
                    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                        if (context.request() instanceof TransactWriteItemsRequest transaction) {
                            transaction.transactItems().forEach(item -> dynamoCalls.add(item.put() != null ? "dynamodb:PutItem"
                                    : item.conditionCheck() != null ? "dynamodb:ConditionCheckItem"
                                    : item.update() != null ? "dynamodb:UpdateItem" : "dynamodb:DeleteItem"));
                        } else {
                            dynamoCalls.add("dynamodb:" + attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME));
                        }
                    }
                })).build();
    }

    private KmsClient kms(String function, boolean record) {
        return KmsClient.builder().region(Region.EU_CENTRAL_1).endpointOverride(URI.create(kms.endpoint(function)))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(c -> c.addExecutionInterceptor(new ExecutionInterceptor() {
                    @Override
                    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                        if (!record) return;
                        kmsCalls.add(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME));
                        if (context.request() instanceof GenerateDataKeyWithoutPlaintextRequest g) kmsContexts.add(g.encryptionContext());
                        if (context.request() instanceof ReEncryptRequest r) {
                            kmsContexts.add(r.sourceEncryptionContext());
                            kmsContexts.add(r.destinationEncryptionContext());
                        }
                    }
                })).build();
    }

    private static ByteArrayInputStream event(String type, String physicalId, Map<String, String> properties) throws Exception {
        var node = JSON.createObjectNode().put("RequestType", type)
                .put("ResponseURL", "https://cloudformation-custom-resource-response-eucentral1.s3.eu-central-1.amazonaws.com/x")
                .put("StackId", "arn:aws:cloudformation:eu-central-1:123456789012:stack/liaison-PayloadBranchKey/1")
                .put("RequestId", "request-" + type).put("LogicalResourceId", "PayloadBranchKey")
                .put("ResourceType", "Custom::PayloadBranchKey");
        if (physicalId != null) node.put("PhysicalResourceId", physicalId);
        var props = node.putObject("ResourceProperties").put("ServiceToken", "arn:aws:lambda:eu-central-1:123456789012:function:f");
        properties.forEach(props::put);
        return new ByteArrayInputStream(JSON.writeValueAsBytes(node));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    private static List<Object> list(Object value) {
        return value instanceof List<?> l ? List.copyOf(l) : value == null ? List.of() : List.of(value);
    }
}
