package io.liaison.publisher;

import io.liaison.publisher.ConsoleRelease.ConsoleObject;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.cloudfront.CloudFrontClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Error;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Writes a release into the console bucket and empties it. The bucket holds the console and
 * nothing else, so whatever a release does not contain is left over from an earlier one.
 * The calls it makes are the ones console-release.yaml allows: s3:PutObject, s3:DeleteObject and
 * s3:ListBucket on that bucket, cloudfront:CreateInvalidation on that distribution.
 */
public final class Publisher {
    private final S3Client s3;
    private final CloudFrontClient cloudFront;

    public Publisher(S3Client s3, CloudFrontClient cloudFront) {
        this.s3 = s3;
        this.cloudFront = cloudFront;
    }

    /**
     * Puts every object (in order), deletes the objects of earlier releases, and has CloudFront
     * forget what it cached. Running it again with the same release changes nothing: a retried or
     * repeated deployment is harmless.
     *
     * @param reference unique per CloudFormation request: a retry of the same request makes no second invalidation
     */
    public void publish(String bucket, String distributionId, List<ConsoleObject> release, String reference) {
        for (ConsoleObject object : release) {
            s3.putObject(put -> put.bucket(bucket).key(object.key()).contentType(object.contentType())
                    .cacheControl(object.cacheControl()), RequestBody.fromBytes(object.body()));
        }
        Set<String> current = release.stream().map(ConsoleObject::key).collect(Collectors.toSet());
        delete(bucket, keys(bucket).stream().filter(key -> !current.contains(key)).toList());
        // Everything: index.html and console-config.json keep their names; the hashed assets are new names anyway.
        cloudFront.createInvalidation(invalidation -> invalidation.distributionId(distributionId)
                .invalidationBatch(batch -> batch.callerReference(reference)
                        .paths(paths -> paths.quantity(1).items("/*"))));
    }

    /** Deletes every object, so that CloudFormation can delete the bucket. A bucket already gone is empty. */
    public void empty(String bucket) {
        try {
            delete(bucket, keys(bucket));
        } catch (NoSuchBucketException gone) {
            // nothing left to delete
        }
    }

    private List<String> keys(String bucket) {
        List<String> keys = new ArrayList<>();
        String token = null;
        do {
            String continuation = token;
            var page = s3.listObjectsV2(list -> list.bucket(bucket).continuationToken(continuation));
            page.contents().stream().map(S3Object::key).forEach(keys::add);
            token = Boolean.TRUE.equals(page.isTruncated()) ? page.nextContinuationToken() : null;
        } while (token != null);
        return keys;
    }

    private void delete(String bucket, List<String> keys) {
        // DeleteObjects takes at most 1000 keys.
        for (int from = 0; from < keys.size(); from += 1000) {
            List<ObjectIdentifier> batch = keys.subList(from, Math.min(keys.size(), from + 1000)).stream()
                    .map(key -> ObjectIdentifier.builder().key(key).build()).toList();
            var result = s3.deleteObjects(delete -> delete.bucket(bucket).delete(d -> d.objects(batch).quiet(true)));
            if (result.hasErrors() && !result.errors().isEmpty()) {
                S3Error first = result.errors().getFirst();
                throw new IllegalStateException("could not delete " + result.errors().size() + " objects of " + bucket
                        + ", first " + first.key() + ": " + first.code());
            }
        }
    }
}
