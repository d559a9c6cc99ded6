package io.liaison.payloadkey;

import io.liaison.customresource.CustomResource;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import io.liaison.config.Clients;
import io.liaison.config.Environment;
import io.liaison.config.KmsClients;
import io.liaison.store.BranchKeys;
import io.liaison.store.EncryptedPayloads;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.kms.KmsClient;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The custom resource PayloadBranchKey (payload-key.yaml, ADR 0021): on Create and Update it creates
 * the payload branch key in the stack's key store unless it exists ({@link BranchKeys#ensure}, the
 * code {@code liaison-local.jar branch-key} runs), so that a fresh stack seals and opens right after
 * {@code sam deploy}. On Delete it leaves the key and the key store: what was sealed under the key
 * must stay openable (the table is retained too). Whatever happens, CloudFormation gets an answer
 * before the function's time runs out, so a stack never waits an hour.
 */
public final class PayloadKeyHandler implements RequestStreamHandler {
    /** Answer this long before Lambda stops the function, so that the answer is never lost with it. */
    private static final long MARGIN_MILLIS = 10_000;

    private final DynamoDbClient dynamoDb;
    private final KmsClient kms;
    private final CustomResource.Answer answer;

    public PayloadKeyHandler() {
        this(new Environment(System.getenv()));
    }

    private PayloadKeyHandler(Environment env) {
        this(Clients.dynamoDb(env), KmsClients.kms(env), CustomResource.Answer.overHttp());
    }

    PayloadKeyHandler(DynamoDbClient dynamoDb, KmsClient kms, CustomResource.Answer answer) {
        this.dynamoDb = dynamoDb;
        this.kms = kms;
        this.answer = answer;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        CustomResource.Request request = CustomResource.Request.read(input);
        // Never the event itself: its ResponseURL is a credential.
        log(context, request.type() + " " + request.logicalResourceId() + " key store " + request.properties().get("KeyStore"));
        CustomResource.Response response = within(context, request);
        log(context, request.type() + " " + (response.success() ? "SUCCESS" : "FAILED: " + response.reason()));
        try {
            answer.send(request.responseUrl(), response.body(request));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while answering CloudFormation", e);
        }
    }

    private CustomResource.Response within(Context context, CustomResource.Request request) {
        long budget = context == null ? 60_000 : Math.max(1_000, context.getRemainingTimeInMillis() - MARGIN_MILLIS);
        var worker = Executors.newSingleThreadExecutor(r -> Thread.ofPlatform().daemon(true).name("branch-key").unstarted(r));
        try {
            return worker.submit(() -> handle(request)).get(budget, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return CustomResource.Response.failed("no result after " + budget + " ms; see the function's log", physicalId(request));
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            return CustomResource.Response.failed(cause.getClass().getSimpleName() + ": " + cause.getMessage()
                    + (context == null ? "" : " (log stream " + context.getLogStreamName() + ")"), physicalId(request));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return CustomResource.Response.failed("interrupted", physicalId(request));
        } finally {
            worker.shutdownNow();
        }
    }

    CustomResource.Response handle(CustomResource.Request request) {
        return switch (request.type()) {
            // Update too: ensure changes nothing when the key exists, and a new key store (or key) gets its key.
            case CREATE, UPDATE -> ensure(request);
            // Deleting the branch key would make every sealed payload unreadable: it stays, as the table does.
            case DELETE -> CustomResource.Response.success(physicalId(request));
        };
    }

    private CustomResource.Response ensure(CustomResource.Request request) {
        String table = request.property("KeyStore");
        String keyArn = request.property("KeyArn");
        BranchKeys.ensure(EncryptedPayloads.keyStore(keyArn, table, dynamoDb, kms), dynamoDb, table);
        return CustomResource.Response.success(physicalId(table));
    }

    /** One resource per key store: another table is another resource (the old one's Delete leaves its key). */
    private static String physicalId(String table) {
        return EncryptedPayloads.PAYLOAD_BRANCH_KEY + "@" + table;
    }

    private static String physicalId(CustomResource.Request request) {
        if (request.physicalResourceId() != null) return request.physicalResourceId();
        String table = request.properties().get("KeyStore");
        return table != null && !table.isBlank() ? physicalId(table) : request.logicalResourceId();
    }

    private static void log(Context context, String line) {
        if (context != null) context.getLogger().log(line + "\n");
    }
}
