package io.liaison.messaging;

import io.liaison.config.Clients;
import io.liaison.config.Environment;
import software.amazon.awssdk.services.sqs.SqsClient;

/** The SQS client, set up as every Liaison client is ({@link Clients#configured}); here so that only the functions that queue carry SQS. */
public final class SqsClients {
    private SqsClients() {}

    public static SqsClient sqs(Environment env) {
        return Clients.configured(SqsClient.builder(), env, "AWS_ENDPOINT_URL_SQS").build();
    }
}
