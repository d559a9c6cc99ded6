package io.liaison.publisher;

import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.DeleteObjectsRequest;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One S3 bucket in memory, standing in for S3Client's few calls the publisher makes (every other
 * call throws, as the SDK's interface does by default), listing in pages of {@code pageSize} as S3
 * does in pages of 1000. Records each call as the IAM action and resource ARN it needs.
 */
public final class RecordingBucket implements S3Client {
    /** What a call needs IAM to allow: action and resource ARN. */
    public record Call(String action, String resource) {}

    /** An object as S3 keeps it. */
    public record Stored(byte[] body, String contentType, String cacheControl) {}

    private final String name;
    private final int pageSize;
    private final Map<String, Stored> objects = new TreeMap<>();
    private final List<Call> calls = new ArrayList<>();
    private final List<String> putOrder = new ArrayList<>();
    private boolean exists = true;

    public RecordingBucket(String name, int pageSize) {
        this.name = name;
        this.pageSize = pageSize;
    }

    public Map<String, Stored> objects() {
        return Map.copyOf(objects);
    }

    public List<Call> calls() {
        return List.copyOf(calls);
    }

    /** The keys in the order they were put. */
    public List<String> putOrder() {
        return List.copyOf(putOrder);
    }

    public void put(String key, String body) {
        objects.put(key, new Stored(body.getBytes(java.nio.charset.StandardCharsets.UTF_8), "text/plain", null));
    }

    public void delete() {
        objects.clear();
        exists = false;
    }

    private void check(String bucket) {
        if (!name.equals(bucket) || !exists) throw NoSuchBucketException.builder().message("NoSuchBucket " + bucket).build();
    }

    @Override
    public PutObjectResponse putObject(PutObjectRequest request, RequestBody body) {
        check(request.bucket());
        calls.add(new Call("s3:PutObject", "arn:aws:s3:::" + request.bucket() + "/" + request.key()));
        try (var in = body.contentStreamProvider().newStream()) {
            objects.put(request.key(), new Stored(in.readAllBytes(), request.contentType(), request.cacheControl()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        putOrder.add(request.key());
        return PutObjectResponse.builder().build();
    }

    @Override
    public ListObjectsV2Response listObjectsV2(ListObjectsV2Request request) {
        calls.add(new Call("s3:ListBucket", "arn:aws:s3:::" + request.bucket()));
        check(request.bucket());
        List<String> keys = new ArrayList<>(objects.keySet());
        int from = request.continuationToken() == null ? 0 : Integer.parseInt(request.continuationToken());
        int to = Math.min(keys.size(), from + pageSize);
        boolean truncated = to < keys.size();
        return ListObjectsV2Response.builder()
                .contents(keys.subList(from, to).stream().map(k -> S3Object.builder().key(k).build()).toList())
                .isTruncated(truncated).nextContinuationToken(truncated ? Integer.toString(to) : null).build();
    }

    @Override
    public DeleteObjectsResponse deleteObjects(DeleteObjectsRequest request) {
        check(request.bucket());
        if (request.delete().objects().size() > 1000) throw new IllegalArgumentException("S3 deletes at most 1000 keys a call");
        for (ObjectIdentifier object : request.delete().objects()) {
            calls.add(new Call("s3:DeleteObject", "arn:aws:s3:::" + request.bucket() + "/" + object.key()));
            objects.remove(object.key());
        }
        return DeleteObjectsResponse.builder().build();
    }

    @Override
    public String serviceName() {
        return "s3";
    }

    @Override
    public void close() {}
}
