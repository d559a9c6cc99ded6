package io.liaison.publisher;

import io.liaison.customresource.CustomResource;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import io.liaison.publisher.ConsoleRelease.Settings;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudfront.CloudFrontClient;
import software.amazon.awssdk.services.s3.S3Client;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * The custom resource ConsoleRelease (console-release.yaml): on Create and Update it publishes the
 * console built into this function's artifact (console/ beside the classes) with this stack's
 * console-config.json; on Delete it empties the bucket so that CloudFormation can remove it.
 * Whatever happens, CloudFormation gets an answer before the function's time runs out.
 */
public final class ConsolePublisherHandler implements RequestStreamHandler {
    /** Answer this long before Lambda stops the function, so that the answer is never lost with it. */
    private static final long MARGIN_MILLIS = 10_000;

    private final Publisher publisher;
    private final Path built;
    private final CustomResource.Answer answer;

    public ConsolePublisherHandler() {
        this(new Publisher(
                        S3Client.builder().region(Region.of(System.getenv("AWS_REGION")))
                                .httpClient(UrlConnectionHttpClient.create()).build(),
                        // CloudFront is global: its API is in us-east-1 (aws-global).
                        CloudFrontClient.builder().region(Region.AWS_GLOBAL).httpClient(UrlConnectionHttpClient.create()).build()),
                Path.of(System.getenv().getOrDefault("LAMBDA_TASK_ROOT", "."), "console"), CustomResource.Answer.overHttp());
    }

    ConsolePublisherHandler(Publisher publisher, Path built, CustomResource.Answer answer) {
        this.publisher = publisher;
        this.built = built;
        this.answer = answer;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        CustomResource.Request request = CustomResource.Request.read(input);
        // Never the event itself: its ResponseURL is a credential.
        log(context, request.type() + " " + request.logicalResourceId() + " bucket " + request.properties().get("Bucket"));
        CustomResource.Response response = within(context, request);
        log(context, request.type() + " " + (response.success() ? "SUCCESS" : "FAILED: " + response.reason()));
        try {
            answer.send(request.responseUrl(), response.body(request));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while answering CloudFormation", e);
        }
    }

    private CustomResource.Response within(Context context, CustomResource.Request request) {
        long budget = context == null ? 60_000 : Math.max(1_000, context.getRemainingTimeInMillis() - MARGIN_MILLIS);
        var worker = Executors.newSingleThreadExecutor(r -> Thread.ofPlatform().daemon(true).name("publish").unstarted(r));
        try {
            return worker.submit(() -> handle(request)).get(budget, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return CustomResource.Response.failed("no result after " + budget + " ms; see the function's log", physicalId(request));
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            return CustomResource.Response.failed(cause.getClass().getSimpleName() + ": " + cause.getMessage()
                    + (context == null ? "" : " (log stream " + context.getLogStreamName() + ")"), physicalId(request));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return CustomResource.Response.failed("interrupted", physicalId(request));
        } finally {
            worker.shutdownNow();
        }
    }

    /** The release as one resource per bucket: a new bucket is a new resource, and CloudFormation then deletes the old one. */
    CustomResource.Response handle(CustomResource.Request request) {
        return switch (request.type()) {
            case CREATE, UPDATE -> publish(request);
            case DELETE -> empty(request);
        };
    }

    private CustomResource.Response publish(CustomResource.Request request) {
        String bucket = request.property("Bucket");
        Settings settings = new Settings(URI.create(request.property("ApiUrl")), request.property("HostedUiDomain"),
                request.property("ClientId"), URI.create(request.property("ConsoleUrl")));
        publisher.publish(bucket, request.property("DistributionId"), ConsoleRelease.objects(read(built), settings),
                request.requestId());
        return CustomResource.Response.success(bucket);
    }

    private CustomResource.Response empty(CustomResource.Request request) {
        // A Create that failed before it knew its bucket has nothing to delete.
        String bucket = request.properties().get("Bucket");
        if (bucket != null && !bucket.isBlank()) publisher.empty(bucket);
        return CustomResource.Response.success(physicalId(request));
    }

    private static String physicalId(CustomResource.Request request) {
        if (request.physicalResourceId() != null) return request.physicalResourceId();
        String bucket = request.properties().get("Bucket");
        return bucket != null && !bucket.isBlank() ? bucket : request.logicalResourceId();
    }

    /** console/dist as the build left it: every file by its path relative to the folder. */
    static Map<String, byte[]> read(Path folder) {
        if (!Files.isDirectory(folder)) {
            throw new IllegalStateException("no built console at " + folder + ": the artifact was not built by the Makefile");
        }
        Map<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path file : paths.filter(Files::isRegularFile).toList()) {
                files.put(folder.relativize(file).toString().replace('\\', '/'), Files.readAllBytes(file));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }

    private static void log(Context context, String line) {
        if (context != null) context.getLogger().log(line + "\n");
    }
}
