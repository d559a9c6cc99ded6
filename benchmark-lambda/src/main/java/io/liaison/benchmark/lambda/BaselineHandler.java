package io.liaison.benchmark.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.core.SdkSystemSetting;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.net.URI;
import java.util.Map;
import java.util.UUID;

/**
 * The yardstick of cold start: an API handler that stores the request body with one PutItem, its
 * client set up as AWS recommends for Lambda (region and credentials from the environment without
 * walking the provider chains, the URLConnection HTTP client, built once in a static field).
 */
public final class BaselineHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private static final DynamoDbClient DYNAMO_DB = client();
    private static final String TABLE = System.getenv("TABLE_NAME");

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        String id = UUID.randomUUID().toString();
        DYNAMO_DB.putItem(put -> put.tableName(TABLE).item(Map.of(
                "PK", AttributeValue.fromS("BASELINE#" + id),
                "SK", AttributeValue.fromS("BASELINE"),
                "body", AttributeValue.fromS(event.getBody() == null ? "" : event.getBody()))));
        return APIGatewayV2HTTPResponse.builder().withStatusCode(201)
                .withHeaders(Map.of("content-type", "application/json"))
                .withBody("{\"id\":\"" + id + "\"}").build();
    }

    private static DynamoDbClient client() {
        DynamoDbClientBuilder builder = DynamoDbClient.builder()
                .region(Region.of(System.getenv(SdkSystemSetting.AWS_REGION.environmentVariable())))
                .credentialsProvider(EnvironmentVariableCredentialsProvider.create())
                .httpClient(UrlConnectionHttpClient.create());
        // Only the benchmark sets it: the same DynamoDB Local the functions use.
        String endpoint = System.getenv("AWS_ENDPOINT_URL_DYNAMODB");
        if (endpoint != null) builder.endpointOverride(URI.create(endpoint));
        return builder.build();
    }
}
