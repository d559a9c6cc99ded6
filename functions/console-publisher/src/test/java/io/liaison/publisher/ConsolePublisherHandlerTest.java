package io.liaison.publisher;

import io.liaison.customresource.CustomResource;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * CloudFormation's requests (the samples in events/console-release-*.json) and the answers it gets.
 * An unanswered request holds the stack for an hour, so every case checks the answer.
 */
class ConsolePublisherHandlerTest {
    private static final String BUCKET = "liaison-consolebucket-1a2b3c4d5e6f";
    private final RecordingBucket bucket = new RecordingBucket(BUCKET, 1000);
    private final RecordingDistribution distribution = new RecordingDistribution();
    private final List<Map.Entry<URI, JsonNode>> answers = new ArrayList<>();
    private final CustomResource.Answer recording = (url, body) -> answers.add(Map.entry(url, new ObjectMapper().readTree(body)));

    @TempDir
    Path dist;

    private ConsolePublisherHandler handler() throws IOException {
        for (var file : ConsoleReleaseTest.built().entrySet()) {
            Path path = dist.resolve(file.getKey());
            Files.createDirectories(path.getParent());
            Files.write(path, file.getValue());
        }
        return new ConsolePublisherHandler(new Publisher(bucket, distribution), dist, recording);
    }

    @Test
    void create_publishesTheBuiltConsole_andAnswersSuccessWithTheBucketAsItsId() throws Exception {
        handler().handleRequest(event("console-release-create.json"), new ByteArrayOutputStream(), null);

        assertThat(bucket.objects()).containsOnlyKeys("index.html", "console-config.json", "favicon.svg",
                "assets/index-B7x9QeTc.js", "assets/index-Cq2Ls0Ab.css");
        assertThat(new String(bucket.objects().get("console-config.json").body()))
                .contains("\"clientId\":\"4lq8r3d1o0ti2kq0n1pc0e8bm4\"", "\"redirectUri\":\"https://d111111abcdef8.cloudfront.net/\"");
        assertThat(distribution.invalidations()).containsOnlyKeys("5a6b7c8d-9e0f-4a1b-8c2d-3e4f5a6b7c8d");
        JsonNode answer = onlyAnswer();
        assertThat(answer.path("Status").asText()).isEqualTo("SUCCESS");
        assertThat(answer.path("PhysicalResourceId").asText()).isEqualTo(BUCKET);
        assertThat(answer.path("RequestId").asText()).isEqualTo("5a6b7c8d-9e0f-4a1b-8c2d-3e4f5a6b7c8d");
        assertThat(answer.path("LogicalResourceId").asText()).isEqualTo("ConsoleRelease");
        assertThat(answer.path("StackId").asText()).startsWith("arn:aws:cloudformation:eu-central-1:123456789012:stack/");
    }

    @Test
    void theAnswer_goesToTheRequestsResponseUrl() throws Exception {
        handler().handleRequest(event("console-release-create.json"), new ByteArrayOutputStream(), null);

        assertThat(answers).singleElement().satisfies(a -> assertThat(a.getKey().getHost())
                .isEqualTo("cloudformation-custom-resource-response-eucentral1.s3.eu-central-1.amazonaws.com"));
    }

    @Test
    void update_replacesTheRelease_andKeepsTheSameId_soCloudFormationDeletesNothing() throws Exception {
        bucket.put("assets/index-OLD00001.js", "old");

        handler().handleRequest(event("console-release-update.json"), new ByteArrayOutputStream(), null);

        assertThat(bucket.objects()).doesNotContainKey("assets/index-OLD00001.js").containsKey("index.html");
        assertThat(onlyAnswer().path("Status").asText()).isEqualTo("SUCCESS");
        assertThat(onlyAnswer().path("PhysicalResourceId").asText()).isEqualTo(BUCKET);
    }

    @Test
    void delete_emptiesTheBucket_soThatCloudFormationCanRemoveIt() throws Exception {
        var handler = handler();
        handler.handleRequest(event("console-release-create.json"), new ByteArrayOutputStream(), null);
        answers.clear();

        handler.handleRequest(event("console-release-delete.json"), new ByteArrayOutputStream(), null);

        assertThat(bucket.objects()).isEmpty();
        assertThat(onlyAnswer().path("Status").asText()).isEqualTo("SUCCESS");
        assertThat(onlyAnswer().path("PhysicalResourceId").asText()).isEqualTo(BUCKET);
    }

    @Test
    void aReleaseThatCannotBeMade_isAnsweredFailedWithTheReason_andTouchesNothing() throws Exception {
        var handler = new ConsolePublisherHandler(new Publisher(bucket, distribution), dist.resolve("missing"), recording);
        bucket.put("index.html", "the release before");

        handler.handleRequest(event("console-release-update.json"), new ByteArrayOutputStream(), null);

        JsonNode answer = onlyAnswer();
        assertThat(answer.path("Status").asText()).isEqualTo("FAILED");
        assertThat(answer.path("Reason").asText()).contains("no built console at");
        assertThat(answer.path("PhysicalResourceId").asText()).isEqualTo(BUCKET);
        assertThat(new String(bucket.objects().get("index.html").body())).isEqualTo("the release before");
        assertThat(distribution.invalidations()).isEmpty();
    }

    @Test
    void aBucketThatRefuses_isAnsweredFailed_notLeftWaiting() throws Exception {
        bucket.delete();

        handler().handleRequest(event("console-release-create.json"), new ByteArrayOutputStream(), null);

        assertThat(onlyAnswer().path("Status").asText()).isEqualTo("FAILED");
        assertThat(onlyAnswer().path("Reason").asText()).contains("NoSuchBucket");
    }

    @Test
    void deletingAReleaseWhoseCreateNeverKnewItsBucket_succeeds() throws Exception {
        String delete = new String(event("console-release-delete.json").readAllBytes())
                .replace("\"Bucket\": \"" + BUCKET + "\",", "");

        handler().handleRequest(new java.io.ByteArrayInputStream(delete.getBytes()), new ByteArrayOutputStream(), null);

        assertThat(onlyAnswer().path("Status").asText()).isEqualTo("SUCCESS");
        assertThat(bucket.calls()).isEmpty();
    }

    private JsonNode onlyAnswer() {
        assertThat(answers).hasSize(1);
        return answers.getFirst().getValue();
    }

    /** events/{name}: Surefire runs in this module's folder, two below the repository's root. */
    static InputStream event(String name) throws IOException {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("events").resolve(name);
            if (Files.isRegularFile(candidate)) return Files.newInputStream(candidate);
        }
        throw new IllegalStateException("no events/" + name);
    }
}
