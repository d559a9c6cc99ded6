package io.liaison.local;

import io.liaison.config.Clients;
import io.liaison.config.Environment;
import io.liaison.config.KmsClients;
import io.liaison.store.BranchKeys;
import io.liaison.store.EncryptedPayloads;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.kms.KmsClient;

import java.io.PrintStream;
import java.util.HashMap;
import java.util.Map;

/**
 * {@code liaison-local.jar branch-key}: gives the payload branch key in the stack's key store a new
 * version ({@code --rotate}), or creates it if missing (the stack's custom resource PayloadBranchKey
 * already does at deploy, functions/payload-key). The key store
 * administrator's step (ADR 0021), run with the operator's credentials: it needs
 * kms:GenerateDataKeyWithoutPlaintext and kms:ReEncrypt on PayloadKey and a write to the key store,
 * which no function has. Running it again when the key exists changes nothing.
 */
final class BranchKeyCommand {
    static final String USAGE = """
            Usage: java -jar local/target/liaison-local.jar branch-key --key-store NAME --kms-key-arn ARN [--rotate]
              --key-store NAME       the stack's PayloadKeyStore table (output PayloadKeyStoreName)
              --kms-key-arn ARN      the stack's PayloadKey (output PayloadKeyArn)
              --rotate               give the existing branch key a new active version
              --dynamodb-endpoint U  DynamoDB to use (default: AWS_ENDPOINT_URL, else AWS in AWS_REGION)""";

    private BranchKeyCommand() {}

    static int run(String[] args, PrintStream out) {
        Map<String, String> variables = new HashMap<>(System.getenv());
        String table = null;
        String keyArn = null;
        boolean rotate = false;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--rotate")) {
                rotate = true;
                continue;
            }
            if (args[i].equals("--help") || i + 1 >= args.length) {
                out.println(USAGE);
                return args[i].equals("--help") ? 0 : 2;
            }
            switch (args[i++]) {
                case "--key-store" -> table = args[i];
                case "--kms-key-arn" -> keyArn = args[i];
                case "--dynamodb-endpoint" -> variables.put("AWS_ENDPOINT_URL_DYNAMODB", args[i]);
                default -> {
                    out.println("unknown option " + args[i - 1] + "\n" + USAGE);
                    return 2;
                }
            }
        }
        if (table == null || keyArn == null) {
            out.println("name the key store and the KMS key\n" + USAGE);
            return 2;
        }
        Environment env = new Environment(variables);
        try (DynamoDbClient db = Clients.dynamoDb(env); KmsClient kms = KmsClients.kms(env)) {
            var keyStore = EncryptedPayloads.keyStore(keyArn, table, db, kms);
            if (rotate) {
                BranchKeys.rotate(keyStore);
                out.println("branch key " + EncryptedPayloads.PAYLOAD_BRANCH_KEY + " has a new active version");
            } else {
                boolean created = BranchKeys.ensure(keyStore, db, table);
                out.println("branch key " + EncryptedPayloads.PAYLOAD_BRANCH_KEY + (created ? " created" : " exists already"));
            }
            return 0;
        } catch (RuntimeException e) {
            out.println("branch-key failed: " + e.getMessage());
            return 1;
        }
    }
}
