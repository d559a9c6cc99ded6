package io.liaison.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.liaison.core.Directory;
import io.liaison.core.RequestService;
import io.liaison.core.RoutingPolicy;
import io.liaison.json.Json;
import io.liaison.store.DynamoRequestStore;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.UUID;

/** Everything a function needs, built once per container from its environment. */
public record Wiring(RequestService requests, Directory directory) {

    public static Wiring from(Environment env) {
        return from(env, Clients.dynamoDb(env), Clock.tickMillis(ZoneOffset.UTC));
    }

    public static Wiring from(Environment env, DynamoDbClient dynamoDb, Clock clock) {
        ObjectMapper json = Json.MAPPER;
        Directory directory = PolicyFiles.directory(json);
        RoutingPolicy policy = PolicyFiles.routingPolicy(json);
        var store = new DynamoRequestStore(dynamoDb, env.require(Environment.TABLE_NAME), clock);
        var service = new RequestService(store, directory, policy, clock, () -> UUID.randomUUID().toString());
        return new Wiring(service, directory);
    }
}
