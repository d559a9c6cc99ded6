package io.liaison.publisher;

import io.liaison.publisher.ConsoleRelease.ConsoleObject;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** A release in the bucket, and the bucket emptied, as the publisher leaves them. */
class PublisherTest {
    private final RecordingBucket bucket = new RecordingBucket("console-bucket", 2);
    private final RecordingDistribution distribution = new RecordingDistribution();
    private final Publisher publisher = new Publisher(bucket, distribution);
    private final List<ConsoleObject> release = ConsoleRelease.objects(ConsoleReleaseTest.built(), ConsoleReleaseTest.STACK);

    @Test
    void aRelease_putsEveryObjectWithItsTypeAndCaching_inTheReleasesOrder() {
        publisher.publish("console-bucket", "E2QWRUHAPOMQZL", release, "request-1");

        assertThat(bucket.putOrder()).containsExactlyElementsOf(release.stream().map(ConsoleObject::key).toList());
        for (ConsoleObject object : release) {
            assertThat(bucket.objects().get(object.key())).as(object.key()).satisfies(stored -> {
                assertThat(stored.body()).isEqualTo(object.body());
                assertThat(stored.contentType()).isEqualTo(object.contentType());
                assertThat(stored.cacheControl()).isEqualTo(object.cacheControl());
            });
        }
    }

    @Test
    void aRelease_deletesWhatEarlierReleasesLeft_acrossListingPages() {
        bucket.put("assets/index-OLD00001.js", "old");
        bucket.put("assets/index-OLD00002.css", "old");
        bucket.put("old-page.html", "old");

        publisher.publish("console-bucket", "E2QWRUHAPOMQZL", release, "request-1");

        assertThat(bucket.objects().keySet()).containsExactlyInAnyOrderElementsOf(release.stream().map(ConsoleObject::key).toList());
    }

    @Test
    void theSameReleaseTwice_leavesTheSameBucket() {
        publisher.publish("console-bucket", "E2QWRUHAPOMQZL", release, "request-1");
        var first = bucket.objects();

        publisher.publish("console-bucket", "E2QWRUHAPOMQZL", release, "request-2");

        assertThat(bucket.objects().keySet()).isEqualTo(first.keySet());
        first.forEach((key, stored) -> assertThat(bucket.objects().get(key).body()).as(key).isEqualTo(stored.body()));
    }

    @Test
    void aRelease_makesCloudFrontForgetEverything_onceForARetriedRequest() {
        publisher.publish("console-bucket", "E2QWRUHAPOMQZL", release, "request-1");
        publisher.publish("console-bucket", "E2QWRUHAPOMQZL", release, "request-1");

        assertThat(distribution.invalidations()).containsOnlyKeys("request-1").containsEntry("request-1", List.of("/*"));
    }

    @Test
    void emptying_deletesEveryObject_evenMoreThanS3DeletesInOneCall() {
        RecordingBucket large = new RecordingBucket("console-bucket", 1000);
        IntStream.range(0, 1_203).forEach(i -> large.put("assets/chunk-" + i + ".js", "x"));

        new Publisher(large, distribution).empty("console-bucket");

        assertThat(large.objects()).isEmpty();
        assertThat(distribution.invalidations()).isEmpty();
    }

    @Test
    void emptyingABucketThatIsGone_succeeds() {
        bucket.delete();

        publisher.empty("console-bucket");

        assertThat(bucket.objects()).isEmpty();
    }

    @Test
    void theReleasesIndex_isTheOneWithThePolicy() {
        publisher.publish("console-bucket", "E2QWRUHAPOMQZL", release, "request-1");

        assertThat(new String(bucket.objects().get("index.html").body(), StandardCharsets.UTF_8))
                .contains("<meta http-equiv=\"Content-Security-Policy\"");
    }
}
