package io.liaison.config;

import software.amazon.awssdk.services.kms.KmsClient;

/**
 * The KMS client, set up as every Liaison client is ({@link Clients#configured}). A class of its own
 * because the KMS library is an optional dependency of the adapters: the functions that never call
 * KMS (router, deadline monitor, directory) do not ship it, and never load this class.
 */
public final class KmsClients {
    private KmsClients() {}

    public static KmsClient kms(Environment env) {
        return Clients.configured(KmsClient.builder(), env, "AWS_ENDPOINT_URL_KMS").build();
    }
}
