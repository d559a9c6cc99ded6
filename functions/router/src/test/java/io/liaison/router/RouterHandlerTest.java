package io.liaison.router;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import io.liaison.config.Wiring;
import io.liaison.core.AuditEvent;
import io.liaison.core.Page;
import io.liaison.core.Request;
import io.liaison.core.RequestService;
import io.liaison.core.RequestStore;
import io.liaison.core.Notification;
import io.liaison.core.Status;
import io.liaison.testing.Callers;
import io.liaison.testing.Filings;
import io.liaison.testing.InMemoryBroker;
import io.liaison.testing.SampleEvents;
import io.liaison.testing.SequentialIds;
import io.liaison.testing.TestClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Routing from the table's stream, driven by events/router-filed-request.json: the INSERT of the
 * sample request's item, as the stream hands it over after template.yaml's filter.
 */
class RouterHandlerTest {
    private static final String ID = SequentialIds.SAMPLE_REQUEST_ID;
    private static final String SEQUENCE_NUMBER = "4421584500000000017450439091";

    private final InMemoryBroker broker = new InMemoryBroker(ID);
    private final List<Notification> queued = new java.util.ArrayList<>();
    private final RouterHandler handler = new RouterHandler(broker.wiring, queued::addAll);

    /** The sample stream event, read the way the Lambda Java runtime reads a DynamodbEvent. */
    private static DynamodbEvent sample() {
        try (InputStream in = Files.newInputStream(SampleEvents.path("router-filed-request.json"))) {
            return LambdaEventSerializers.serializerFor(DynamodbEvent.class, RouterHandlerTest.class.getClassLoader())
                    .fromJson(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The sample request, filed by the Dutch police: what the stream record reports. */
    private void sampleFiled() {
        broker.requests.file(Callers.NL_POLICE, Filings.preservation().build(), Optional.empty());
    }

    private Request stored() {
        return broker.store.find(ID).orElseThrow();
    }

    /** A stream record of an audit event item as the table writes it: kind EVENT, never changed after. */
    private static DynamodbEvent eventInserted(long sequence, String action) {
        var image = new java.util.HashMap<String, AttributeValue>();
        image.put("kind", new AttributeValue().withS("EVENT"));
        image.put("requestId", new AttributeValue().withS(ID));
        image.put("sequence", new AttributeValue().withN(Long.toString(sequence)));
        image.put("action", new AttributeValue().withS(action));
        var change = new com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord()
                .withNewImage(image).withSequenceNumber("100" + sequence);
        var record = new DynamodbEvent.DynamodbStreamRecord();
        record.setEventName("INSERT");
        record.setDynamodb(change);
        DynamodbEvent event = new DynamodbEvent();
        event.setRecords(List.of(record));
        return event;
    }

    @Test
    void anEventThatCallsForANotice_isQueuedForItsRecipient() {
        // GIVEN the sample request filed and routed to DE-POC247 (event 2 is ROUTED)
        sampleFiled();
        broker.requests.route(ID);

        // WHEN the stream delivers the insert of event 2
        StreamsEventResponse response = handler.handleRequest(eventInserted(2, "ROUTED"), null);

        // THEN one notification for DE-POC247 waits in the queue
        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(queued).containsExactly(new Notification(ID, 2, "ROUTED",
                new io.liaison.core.Recipient.ContactPointRecipient("DE-POC247")));
    }

    @Test
    void anEventThatCallsForNoNotice_queuesNothing() {
        sampleFiled();

        handler.handleRequest(eventInserted(1, "FILED"), null);

        assertThat(queued).isEmpty();
    }

    @Test
    void aQueueThatCannotBeReached_failsTheRecord_soTheStreamRetriesIt() {
        sampleFiled();
        broker.requests.route(ID);
        RouterHandler unreachableQueue = new RouterHandler(broker.wiring, n -> {
            throw new IllegalStateException("the queue cannot be reached");
        });

        StreamsEventResponse response = unreachableQueue.handleRequest(eventInserted(2, "ROUTED"), null);

        assertThat(response.getBatchItemFailures()).extracting(StreamsEventResponse.BatchItemFailure::getItemIdentifier)
                .containsExactly("1002");
    }

    @Test
    void sample_isTheInsertOfAFiledRequestItem() {
        DynamodbEvent.DynamodbStreamRecord record = sample().getRecords().getFirst();

        assertThat(record.getEventName()).isEqualTo("INSERT");
        assertThat(record.getDynamodb().getSequenceNumber()).isEqualTo(SEQUENCE_NUMBER);
        assertThat(record.getDynamodb().getNewImage().get("requestId").getS()).isEqualTo(ID);
    }

    @Test
    void handleRequest_routesTheFiledRequest_andReportsNoFailure() {
        // GIVEN the sample request filed
        sampleFiled();

        // WHEN the stream delivers its INSERT
        StreamsEventResponse response = handler.handleRequest(sample(), null);

        // THEN it is routed to DE-POC247 and no record is reported failed
        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(stored().status()).isEqualTo(Status.ROUTED);
        assertThat(stored().assignment().contactPointId()).isEqualTo("DE-POC247");
    }

    @Test
    void handleRequest_endsAStoredOrderToDenmarkUnroutable_forItsLegalBasis_whenFiledBeforeFilingRefusedIt() {
        // GIVEN the sample's request stored as an order to Denmark under the Regulation, as filing once let through
        Request legacy = Request.filed(ID, new io.liaison.core.Requester("NL", "NL-POLITIE-THTC", "nl-police"),
                Filings.preservation().legalBasis(io.liaison.core.Instrument.E_EVIDENCE_REGULATION, "6").target("DK").build(),
                TestClock.START);
        broker.store.file(legacy, io.liaison.core.Lifecycle.filingEvent(legacy, io.liaison.core.Actor.of(Callers.NL_POLICE)), null);

        // WHEN the stream delivers its INSERT
        StreamsEventResponse response = handler.handleRequest(sample(), null);

        // THEN it ends UNROUTABLE under the legal-basis rule, naming Protocol No 22, and no record failed
        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(stored().status()).isEqualTo(Status.UNROUTABLE);
        assertThat(stored().outcome().ground()).isEqualTo(io.liaison.core.Binding.RULE_ID);
        assertThat(stored().outcome().text()).contains("Protocol No 22 on the position of Denmark");
    }

    @Test
    void handleRequest_changesNothing_whenTheRecordIsDeliveredAgain() {
        sampleFiled();
        handler.handleRequest(sample(), null);

        StreamsEventResponse again = handler.handleRequest(sample(), null);

        assertThat(again.getBatchItemFailures()).isEmpty();
        assertThat(stored().version()).isEqualTo(2);
        assertThat(broker.store.events(ID)).hasSize(2);
    }

    @ParameterizedTest
    @ValueSource(strings = {"MODIFY", "REMOVE"})
    void handleRequest_ignoresARecordThatIsNotAnInsert(String eventName) {
        // GIVEN the sample record turned into another kind of change
        sampleFiled();
        DynamodbEvent event = sample();
        event.getRecords().getFirst().setEventName(eventName);

        // WHEN it is delivered
        StreamsEventResponse response = handler.handleRequest(event, null);

        // THEN the request is left as it was
        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(stored().status()).isEqualTo(Status.FILED);
    }

    @Test
    void handleRequest_ignoresTheInsertOfAnAuditEvent() {
        sampleFiled();
        DynamodbEvent event = sample();
        event.getRecords().getFirst().getDynamodb().getNewImage().put("SK", new AttributeValue().withS("EVENT#0000000001"));

        handler.handleRequest(event, null);

        assertThat(stored().status()).isEqualTo(Status.FILED);
    }

    @Test
    void handleRequest_doesNothing_forARequestThatIsNotStored() {
        StreamsEventResponse response = handler.handleRequest(sample(), null);

        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(broker.store.size()).isZero();
    }

    @Test
    void handleRequest_reportsTheRecordItCouldNotRoute_byItsSequenceNumber() {
        // GIVEN a table that cannot be read
        RequestService unreachable = new RequestService(new UnreachableStore(), InMemoryBroker.DIRECTORY,
                InMemoryBroker.POLICY, new TestClock(), new SequentialIds());
        RouterHandler failing = new RouterHandler(new Wiring(unreachable, null, null, InMemoryBroker.DIRECTORY, null, null, null),
                notifications -> { });

        // WHEN the sample record is delivered
        StreamsEventResponse response = failing.handleRequest(sample(), null);

        // THEN that record is reported, so Lambda retries from it
        assertThat(response.getBatchItemFailures()).extracting(StreamsEventResponse.BatchItemFailure::getItemIdentifier)
                .containsExactly(SEQUENCE_NUMBER);
    }

    /** A store whose every call fails, as DynamoDB does when it cannot be reached. */
    private static final class UnreachableStore implements RequestStore {
        private static RuntimeException down() {
            return new IllegalStateException("the table cannot be reached");
        }

        @Override public FileResult file(Request request, AuditEvent event, IdempotencyKey key) { throw down(); }

        @Override public Optional<Request> find(String requestId) { throw down(); }

        @Override public Request disclose(Request request) { throw down(); }

        @Override public boolean apply(Request next, AuditEvent event) { throw down(); }

        @Override public Page<Request> byAgency(String jurisdiction, String agency, Status status, String cursor, int limit) {
            throw down();
        }

        @Override public Page<Request> byContactPoint(String contactPointId, Status status, String cursor, int limit) {
            throw down();
        }

        @Override public List<AuditEvent> events(String requestId) { throw down(); }

        @Override public List<String> due(java.time.Instant now, int limit) { throw down(); }
    }
}
