package io.liaison.local;

import java.nio.file.Path;
import java.util.stream.Collectors;

/** The local server's command line, and what it prints when it is up. */
final class Cli {
    static final String USAGE = """
            Usage: ./run-local [options]
              --port N               HTTP API port (default 8080; 0 picks a free one)
              --dynamodb-port N      DynamoDB Local port (default 8000; 0 picks a free one)
              --data-dir DIR         keep the data in DIR across restarts (default: in memory)
              --dynamodb-endpoint U  use the DynamoDB at U (LocalStack, AWS) instead of starting DynamoDB Local;
                                     AWS_ENDPOINT_URL sets this too
              --table NAME           table name (default: the template's logical id, RequestsTable)
              --template FILE        template.yaml to wire from (default: found from the current folder up)
              --help                 this text""";

    private Cli() {}

    /** The options, or null when help was asked for. */
    static LocalBroker.Options parse(String[] args) {
        LocalBroker.Options o = LocalBroker.Options.defaults();
        String endpoint = System.getenv("AWS_ENDPOINT_URL");
        int port = o.port();
        int dynamoPort = o.dynamoPort();
        Path dataDir = null;
        Path template = null;
        String table = null;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--help") || arg.equals("-h")) return null;
            if (i + 1 >= args.length) throw new IllegalArgumentException("missing value for " + arg);
            String value = args[++i];
            switch (arg) {
                case "--port" -> port = number(arg, value);
                case "--dynamodb-port" -> dynamoPort = number(arg, value);
                case "--data-dir" -> dataDir = Path.of(value);
                case "--dynamodb-endpoint" -> endpoint = value;
                case "--table" -> table = value;
                case "--template" -> template = Path.of(value);
                default -> throw new IllegalArgumentException("unknown option " + arg);
            }
        }
        return new LocalBroker.Options(o.host(), port, dynamoPort, dataDir, endpoint, template, table);
    }

    private static int number(String option, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " takes a number, not " + value);
        }
    }

    static String banner(LocalBroker broker, LocalBroker.Options options) {
        String users = broker.users().stream().map(u -> String.format("  %-14s %-14s %s %s", u.login(), u.role(),
                u.jurisdiction(), u.agency() != null ? "agency " + u.agency()
                        : u.contactPoint() != null ? "contact point " + u.contactPoint() : ""))
                .collect(Collectors.joining("\n"));
        return """

                Liaison is running.
                  Console:        %1$s/  (sign in as any demo user, one click)
                  API:            %1$s
                  DynamoDB:       %2$s  (table %3$s; %4$s)
                  Try it:         aws dynamodb scan --endpoint-url %2$s --table-name %3$s --region eu-central-1
                  SQS:            %6$s  (ElasticMQ; queues %7$s)
                  E-mail notices: %8$s  (the notifier writes .eml files here instead of sending)

                Get a token for a demo user (valid 12 hours):
                  TOKEN=$(curl -s %1$s/dev/token/nl-police)
                  curl -s %1$s/requests -H "Authorization: Bearer $TOKEN"

                Demo users (GET %1$s/dev/users lists them as JSON):
                %5$s

                Stop with Ctrl-C.
                """.formatted(broker.baseUrl(), broker.dynamoEndpoint(), broker.tableName(),
                options.dataDir() == null ? "in memory" : "data kept in " + options.dataDir().toAbsolutePath(), users,
                broker.sqsEndpoint(), broker.queueNames().isEmpty() ? "none" : String.join(", ", broker.queueNames()),
                broker.outbox().toAbsolutePath());
    }
}
