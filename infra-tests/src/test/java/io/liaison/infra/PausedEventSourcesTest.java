package io.liaison.infra;

import io.liaison.local.LocalBroker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The local broker can stop reading its stream and queues (benchmarks of the API alone): what is
 * written meanwhile waits, and nothing is lost when reading starts again.
 */
@ExtendWith(Broker.Own.class)
class PausedEventSourcesTest {
    @Test
    void aRequestFiledWhileEventSourcesArePaused_waitsFiled_andIsRoutedOnResume(Api api, LocalBroker broker) throws Exception {
        broker.pauseEventSources(true);
        String id;
        try {
            id = api.file("nl-police", Api.preservation());
            Thread.sleep(1500); // the router reads the stream within a second when not paused
            assertThat(api.get("nl-police", "/requests/" + id).json().path("status").asText()).isEqualTo("FILED");
        } finally {
            broker.pauseEventSources(false);
        }
        assertThat(api.awaitRouted("nl-police", id).path("status").asText()).isEqualTo("ROUTED");
    }
}
