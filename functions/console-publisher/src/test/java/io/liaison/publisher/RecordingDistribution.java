package io.liaison.publisher;

import software.amazon.awssdk.services.cloudfront.CloudFrontClient;
import software.amazon.awssdk.services.cloudfront.model.CreateInvalidationRequest;
import software.amazon.awssdk.services.cloudfront.model.CreateInvalidationResponse;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A CloudFront distribution's invalidations in memory. As CloudFront does, a second invalidation
 * with the same caller reference is the first one again, not a new one.
 */
public final class RecordingDistribution implements CloudFrontClient {
    private final Map<String, List<String>> invalidations = new LinkedHashMap<>();
    private final List<RecordingBucket.Call> calls = new ArrayList<>();

    /** Paths invalidated, by caller reference. */
    public Map<String, List<String>> invalidations() {
        return Map.copyOf(invalidations);
    }

    public List<RecordingBucket.Call> calls() {
        return List.copyOf(calls);
    }

    @Override
    public CreateInvalidationResponse createInvalidation(CreateInvalidationRequest request) {
        calls.add(new RecordingBucket.Call("cloudfront:CreateInvalidation",
                "arn:aws:cloudfront::123456789012:distribution/" + request.distributionId()));
        var batch = request.invalidationBatch();
        if (batch.paths().quantity() != batch.paths().items().size()) throw new IllegalArgumentException("Quantity must count the paths");
        invalidations.putIfAbsent(batch.callerReference(), List.copyOf(batch.paths().items()));
        return CreateInvalidationResponse.builder().build();
    }

    @Override
    public String serviceName() {
        return "cloudfront";
    }

    @Override
    public void close() {}
}
