package io.liaison.infra;

import io.liaison.local.Invocations;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every AWS call a function of the local broker makes, as IAM sees it: the action and the
 * resource. The SDK loads this interceptor for every client in the test JVM (listed in
 * software/amazon/awssdk/global/handlers/execution.interceptors); only calls made while a
 * function handles an event are kept. A transaction is recorded as the item actions it is made
 * of, which is what IAM authorises.
 */
public final class CallRecorder implements ExecutionInterceptor {
    /** {@code resource}: the table ("table"), one of its indexes ("table/index/ByAgency"), a queue ("queue/<name>"). */
    public record Call(String function, String action, String resource) {}

    private static final Set<Call> CALLS = ConcurrentHashMap.newKeySet();
    private static volatile String table;
    private static volatile String keyStore;

    /** Starts recording the calls to {@code tableName}; forgets what came before. */
    public static void start(String tableName) {
        start(tableName, null);
    }

    /** And to the key store {@code keyStoreName} (recorded as "table:PayloadKeyStore"), if not null. */
    public static void start(String tableName, String keyStoreName) {
        table = tableName;
        keyStore = keyStoreName;
        CALLS.clear();
    }

    public static Set<Call> calls() {
        return Set.copyOf(CALLS);
    }

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        Optional<String> function = Invocations.currentFunction();
        if (function.isEmpty() || table == null) return;
        String service = attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME);
        String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        SdkRequest request = context.request();
        switch (service.toLowerCase(java.util.Locale.ROOT)) {
            case "dynamodb" -> {
                if (request instanceof TransactWriteItemsRequest transaction) {
                    // Another broker's function (its notifier retrying, say) writes to its own table: not this tour's.
                    boolean ours = transaction.transactItems().stream().anyMatch(item -> table.equals(tableOf(item)));
                    if (!ours) return;
                    for (TransactWriteItem item : transaction.transactItems()) {
                        if (item.put() != null) record(function.get(), "dynamodb:PutItem", resource(item.put().tableName(), null));
                        if (item.update() != null) record(function.get(), "dynamodb:UpdateItem", resource(item.update().tableName(), null));
                        if (item.delete() != null) record(function.get(), "dynamodb:DeleteItem", resource(item.delete().tableName(), null));
                        if (item.conditionCheck() != null) {
                            record(function.get(), "dynamodb:ConditionCheckItem", resource(item.conditionCheck().tableName(), null));
                        }
                    }
                } else {
                    String tableName = field(request, "TableName");
                    // The test JVM may run another broker (the shared one) whose schedules fire while the
                    // tour runs: its calls go to its own table and are not this tour's.
                    if (tableName != null && tableName.equals(keyStore)) {
                        record(function.get(), "dynamodb:" + operation, "table:PayloadKeyStore");
                        return;
                    }
                    if (tableName != null && !tableName.equals(table)) return;
                    record(function.get(), "dynamodb:" + operation, resource(tableName, field(request, "IndexName")));
                }
            }
            case "sqs" -> {
                String url = field(request, "QueueUrl");
                String action = operation.equals("SendMessageBatch") ? "SendMessage"
                        : operation.equals("ChangeMessageVisibilityBatch") ? "ChangeMessageVisibility" : operation;
                record(function.get(), "sqs:" + action, "queue/" + (url == null ? "?" : url.substring(url.lastIndexOf('/') + 1)));
            }
            // LocalKms holds one key, PayloadKey (the others are local keys): it refuses what is not granted.
            case "kms" -> record(function.get(), "kms:" + operation, keyStore == null ? "?" : "key/PayloadKey");
            default -> record(function.get(), service.toLowerCase() + ":" + operation, "?");
        }
    }

    private static void record(String function, String action, String resource) {
        CALLS.add(new Call(function, action, resource));
    }

    private static String tableOf(TransactWriteItem item) {
        if (item.put() != null) return item.put().tableName();
        if (item.update() != null) return item.update().tableName();
        if (item.delete() != null) return item.delete().tableName();
        return item.conditionCheck() == null ? null : item.conditionCheck().tableName();
    }

        private static String resource(String tableName, String index) {
        String name = table.equals(tableName) ? "table" : "table:" + tableName;
        return index == null ? name : name + "/index/" + index;
    }

    private static String field(SdkRequest request, String name) {
        return request.getValueForField(name, String.class).orElse(null);
    }

    static List<String> describe(Set<Call> calls) {
        return calls.stream().map(c -> c.function() + " " + c.action() + " " + c.resource()).sorted().toList();
    }
}
