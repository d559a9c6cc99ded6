package io.liaison.local;

import io.liaison.config.Clients;
import io.liaison.config.Environment;
import io.liaison.config.Wiring;
import io.liaison.store.EncryptionSdkCiphers;
import io.liaison.store.DynamoRequestStore;
import io.liaison.store.RequestItems;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

/**
 * {@code liaison-local.jar reseal}: seals the words of every request stored in clear before filings
 * were sealed (issue 14). An operator's command, run once after the upgrade, never by a function (it
 * scans the table, which no function may). Each request is rewritten in place at the version it
 * has, so a request that changes meanwhile is left for the next run; running it again is harmless.
 */
public final class Reseal {
    static final String USAGE = """
            Usage: java -jar local/target/liaison-local.jar reseal --table NAME [options]
              --table NAME           the requests table
              --dynamodb-endpoint U  DynamoDB to use (default: AWS_ENDPOINT_URL, else AWS in AWS_REGION)
              --data-dir DIR         the local server's --data-dir: seal with its local payload key
              --kms-key-arn ARN      seal with this KMS key (the stack's PayloadKey), with your AWS credentials
              --key-store NAME       with --kms-key-arn: the stack's PayloadKeyStore table""";

    private Reseal() {}

    static int run(String[] args, PrintStream out) {
        Map<String, String> variables = new HashMap<>(System.getenv());
        String table = null;
        Path dataDir = null;
        for (int i = 0; i < args.length; i += 2) {
            if (args[i].equals("--help") || i + 1 >= args.length) {
                out.println(USAGE);
                return args[i].equals("--help") ? 0 : 2;
            }
            switch (args[i]) {
                case "--table" -> table = args[i + 1];
                case "--dynamodb-endpoint" -> variables.put("AWS_ENDPOINT_URL_DYNAMODB", args[i + 1]);
                case "--data-dir" -> dataDir = Path.of(args[i + 1]);
                case "--kms-key-arn" -> variables.put(Wiring.PAYLOAD_KMS_KEY_ARN, args[i + 1]);
                case "--key-store" -> variables.put(Wiring.PAYLOAD_KEY_STORE_TABLE, args[i + 1]);
                default -> {
                    out.println("unknown option " + args[i] + "\n" + USAGE);
                    return 2;
                }
            }
        }
        if (table == null || (dataDir == null) == !variables.containsKey(Wiring.PAYLOAD_KMS_KEY_ARN)) {
            out.println("name the table, and either --data-dir or --kms-key-arn\n" + USAGE);
            return 2;
        }
        try {
            if (dataDir != null) variables.put(Wiring.PAYLOAD_KEY, LocalKeys.load(dataDir).get(Wiring.PAYLOAD_KEY));
            Environment env = new Environment(variables);
            try (DynamoDbClient db = Clients.dynamoDb(env)) {
                Counts counts = reseal(db, new DynamoRequestStore(db, table, Clock.systemUTC(), EncryptionSdkCiphers.INSTANCE.payloads(env, db)), table);
                int left = counts.found() - counts.sealed();
                out.printf("re-sealed %d of %d requests stored in clear%s%n", counts.sealed(), counts.found(),
                        left == 0 ? "" : "; " + left + " changed meanwhile: run again");
                return counts.found() == counts.sealed() ? 0 : 1;
            }
        } catch (Exception e) {
            out.println("reseal failed: " + e.getMessage());
            return 1;
        }
    }

    public record Counts(int found, int sealed) {}

    /** Every request item that still holds its filing in clear, sealed through the store. */
    public static Counts reseal(DynamoDbClient db, DynamoRequestStore store, String table) {
        int found = 0;
        int sealed = 0;
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            ScanResponse page = db.scan(s -> s.tableName(table).exclusiveStartKey(from).projectionExpression("PK")
                    .filterExpression("#sk = :request AND attribute_exists(#filing)")
                    .expressionAttributeNames(Map.of("#sk", "SK", "#filing", "filing"))
                    .expressionAttributeValues(Map.of(":request", AttributeValue.fromS("REQUEST"))));
            for (Map<String, AttributeValue> item : page.items()) {
                found++;
                if (store.reseal(RequestItems.requestIdOf(item.get("PK").s()))) sealed++;
            }
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return new Counts(found, sealed);
    }
}
