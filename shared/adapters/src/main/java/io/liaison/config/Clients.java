package io.liaison.config;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.ContainerCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

import java.net.URI;

/**
 * AWS clients, built once per container with everything explicit: region, credentials and the
 * light URLConnection HTTP client. No provider chain is walked at cold start.
 */
public final class Clients {
    private Clients() {}

    public static DynamoDbClient dynamoDb(Environment env) {
        return configured(DynamoDbClient.builder(), env, "AWS_ENDPOINT_URL_DYNAMODB").build();
    }

    /** The stream API of the same DynamoDB: the local server polls it as Lambda's event source mapping does. */
    public static DynamoDbStreamsClient dynamoDbStreams(Environment env) {
        return configured(DynamoDbStreamsClient.builder(), env, "AWS_ENDPOINT_URL_DYNAMODB").build();
    }

    /** A builder set up as every Liaison client is: for modules that bring their own service client (SQS, SES). */
    public static <B extends AwsClientBuilder<B, ?> & AwsSyncClientBuilder<B, ?>> B configured(
            B builder, Environment env, String serviceEndpoint) {
        builder.region(Region.of(env.optional("AWS_REGION").orElse("eu-central-1")))
                .credentialsProvider(credentials(env))
                .httpClient(UrlConnectionHttpClient.create());
        env.optional(serviceEndpoint).or(() -> env.optional("AWS_ENDPOINT_URL"))
                .ifPresent(endpoint -> builder.endpointOverride(URI.create(endpoint)));
        return builder;
    }

    /**
     * SnapStart functions get credentials from the container endpoint, which survives a restore;
     * everything else (Lambda without SnapStart, the local server, tests) from the variables.
     */
    static AwsCredentialsProvider credentials(Environment env) {
        if (env.optional("AWS_CONTAINER_CREDENTIALS_FULL_URI").isPresent()) {
            return ContainerCredentialsProvider.builder().build();
        }
        String key = env.require("AWS_ACCESS_KEY_ID");
        String secret = env.require("AWS_SECRET_ACCESS_KEY");
        return StaticCredentialsProvider.create(env.optional("AWS_SESSION_TOKEN")
                .<software.amazon.awssdk.auth.credentials.AwsCredentials>map(t -> AwsSessionCredentials.create(key, secret, t))
                .orElseGet(() -> AwsBasicCredentials.create(key, secret)));
    }
}
