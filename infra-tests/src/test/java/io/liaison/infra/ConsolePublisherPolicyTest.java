package io.liaison.infra;

import io.liaison.local.Template;
import io.liaison.publisher.ConsoleRelease;
import io.liaison.publisher.Publisher;
import io.liaison.publisher.RecordingBucket;
import io.liaison.publisher.RecordingDistribution;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console publisher's role (functions/console-publisher/console-release.yaml) against the calls
 * it makes through a release, a second release over the first, and the bucket emptied: every call
 * allowed, every permission used, and nothing outside the console's bucket and distribution.
 * FunctionPoliciesTest does the same for the broker's functions.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsolePublisherPolicyTest {
    private static final String BUCKET = "liaison-consolebucket-1a2b3c4d5e6f";
    private static final String DISTRIBUTION = "E2QWRUHAPOMQZL";
    /** What CloudFormation puts for the nested stack's parameters and pseudo parameters. */
    private static final Map<String, String> RESOLVED = Map.of("ConsoleBucket", BUCKET, "DistributionId", DISTRIBUTION,
            "AWS::Partition", "aws", "AWS::AccountId", "123456789012", "AWS::Region", "eu-central-1");

    private final Template release = Template.read(Template.locate(Path.of("")).resolveSibling(
            "functions/console-publisher/console-release.yaml"));
    private final List<RecordingBucket.Call> calls = new ArrayList<>();

    @BeforeAll
    void releaseTwice_thenEmpty() {
        RecordingBucket bucket = new RecordingBucket(BUCKET, 1000);
        RecordingDistribution distribution = new RecordingDistribution();
        Publisher publisher = new Publisher(bucket, distribution);
        var settings = new ConsoleRelease.Settings(URI.create("https://a1b2c3d4e5.execute-api.eu-central-1.amazonaws.com"),
                "liaison-7f0c.auth.eu-central-1.amazoncognito.com", "4lq8r3d1o0ti2kq0n1pc0e8bm4",
                URI.create("https://d111111abcdef8.cloudfront.net/"));
        publisher.publish(BUCKET, DISTRIBUTION, ConsoleRelease.objects(build("A1"), settings), "request-1");
        publisher.publish(BUCKET, DISTRIBUTION, ConsoleRelease.objects(build("B2"), settings), "request-2");
        publisher.empty(BUCKET);
        assertThat(bucket.objects()).isEmpty();
        calls.addAll(bucket.calls());
        calls.addAll(distribution.calls());
    }

    @Test
    void everyCallThePublisherMakes_isAllowedByItsPolicy() {
        List<Statement> statements = statements();

        assertThat(calls).isNotEmpty().allSatisfy(call -> assertThat(statements).as(call.toString())
                .anyMatch(s -> s.allows(call.action(), call.resource())));
    }

    @Test
    void everyPermissionThePublisherIsGiven_isUsed() {
        for (Statement statement : statements()) {
            for (String action : statement.actions()) {
                for (String resource : statement.resources()) {
                    assertThat(calls).as(action + " on " + resource + " is never needed")
                            .anyMatch(call -> call.action().equals(action) && matches(resource, call.resource()));
                }
            }
        }
    }

    @Test
    void thePublisher_mayTouchNothingButTheConsolesBucketAndDistribution() {
        for (Statement statement : statements()) {
            assertThat(statement.actions()).noneMatch(a -> a.contains("*"));
            assertThat(statement.resources()).allMatch(r -> r.equals("arn:aws:s3:::" + BUCKET) || r.equals("arn:aws:s3:::" + BUCKET + "/*")
                    || r.equals("arn:aws:cloudfront::123456789012:distribution/" + DISTRIBUTION));
        }
    }

    @Test
    void theRelease_isACustomResourceOfThisPublisher_updatedByEveryNewBuild() {
        Map<String, Object> resource = map(release.resources().get("ConsoleRelease"));
        Map<String, Object> properties = map(resource.get("Properties"));

        assertThat(resource.get("Type")).isEqualTo("Custom::ConsoleRelease");
        assertThat(properties.get("ServiceToken")).isEqualTo(Map.of("Fn::GetAtt", List.of("ConsolePublisherFunction", "Arn")));
        assertThat(properties.get("Release")).isEqualTo(Map.of("Ref", "ConsolePublisherFunction.Version"));
        assertThat(map(map(release.resources().get("ConsolePublisherFunction")).get("Properties"))).containsEntry("AutoPublishAlias", "live");
        assertThat(release.functions()).singleElement().satisfies(f ->
                assertThat(f.handlerClass()).isEqualTo(io.liaison.publisher.ConsolePublisherHandler.class.getName()));
    }

    private record Statement(Set<String> actions, Set<String> resources) {
        boolean allows(String action, String resource) {
            return actions.contains(action) && resources.stream().anyMatch(r -> matches(r, resource));
        }
    }

    private List<Statement> statements() {
        List<Statement> statements = new ArrayList<>();
        Template.Function function = release.functions().getFirst();
        for (Object policy : list(function.properties().get("Policies"))) {
            for (Object s : list(map(policy).get("Statement"))) {
                Map<String, Object> statement = map(s);
                assertThat(statement.get("Effect")).isEqualTo("Allow");
                statements.add(new Statement(Set.copyOf(list(statement.get("Action")).stream().map(String::valueOf).toList()),
                        Set.copyOf(list(statement.get("Resource")).stream().map(ConsolePublisherPolicyTest::resolved).toList())));
            }
        }
        return statements;
    }

    /** An ARN as IAM reads it: * for any characters. */
    private static boolean matches(String pattern, String arn) {
        return Pattern.matches(Pattern.quote(pattern).replace("*", "\\E.*\\Q"), arn);
    }

    private static String resolved(Object value) {
        String text = String.valueOf(map(value).get("Fn::Sub"));
        var m = Pattern.compile("\\$\\{([^}]+)}").matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            assertThat(RESOLVED).as("a resource named by " + name).containsKey(name);
            m.appendReplacement(out, RESOLVED.get(name));
        }
        return m.appendTail(out).toString();
    }

    private static Map<String, byte[]> build(String hash) {
        return Map.of("index.html", "<!doctype html><html><head><script type=\"module\" src=\"./assets/index-%s.js\"></script></head></html>"
                        .formatted(hash).getBytes(StandardCharsets.UTF_8),
                "assets/index-" + hash + ".js", "console".getBytes(StandardCharsets.UTF_8));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    private static List<Object> list(Object value) {
        return value instanceof List<?> l ? List.copyOf(l) : value == null ? List.of() : List.of(value);
    }
}
