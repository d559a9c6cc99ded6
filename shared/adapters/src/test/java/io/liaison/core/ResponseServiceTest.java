package io.liaison.core;

import io.liaison.core.gate.Answer;
import io.liaison.core.gate.ReleaseGate;
import io.liaison.core.gate.ResponseRecord;
import io.liaison.testing.Callers;
import io.liaison.testing.Filings;
import io.liaison.testing.InMemoryBroker;
import io.liaison.testing.SequentialIds;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** e-Evidence traffic data wait for the enforcing State's notification to be recorded as cleared. */
class ResponseServiceTest {
    private static final String ID = SequentialIds.SAMPLE_REQUEST_ID;
    private static final Caller DE_EEVIDENCE = new Caller("de-eevidence", Role.CONTACT_POINT, "DE", null, "DE-EEVIDENCE");

    private final InMemoryBroker broker = new InMemoryBroker(ID);

    @BeforeEach
    void anAcceptedProductionOrderForTrafficData() {
        Filing order = Filings.preservation().type(RequestType.TRAFFIC_DATA).urgency(Urgency.ROUTINE)
                .legalBasis(Instrument.E_EVIDENCE_REGULATION, "5").dataCategories(DataCategory.TRAFFIC).build();
        assertThat(broker.requests.file(Callers.NL_POLICE, order, Optional.empty())).isInstanceOf(Outcome.Ok.class);
        assertThat(broker.requests.route(ID)).map(r -> r.assignment().contactPointId()).contains("DE-EEVIDENCE");
        assertThat(broker.requests.acknowledge(DE_EEVIDENCE, ID, new Lifecycle.Accept(null))).isInstanceOf(Outcome.Ok.class);
    }

    private Response answer() {
        Answer traffic = new Answer(List.of(new ResponseRecord(DataCategory.TRAFFIC, ResponseRecord.Owner.DATA_SUBJECT, false,
                Map.of("ipAddress", "203.0.113.7"), "DE", Tlp.AMBER)), null, false, Tlp.AMBER);
        return ((Outcome.Ok<Response>) broker.responses.submit(DE_EEVIDENCE, ID, traffic)).value();
    }

    @Test
    void submit_holdsTrafficData_untilTheNotificationIsCleared() {
        Response held = answer();

        assertThat(held.status()).isEqualTo(Response.Status.HELD);
        assertThat(held.decision().ruleIds()).contains(ReleaseGate.NOTIFICATION);
    }

    @Test
    void submit_releasesTrafficData_onceTheEnforcingStatesContactPointClearedTheNotification() {
        assertThat(broker.responses.clearNotification(DE_EEVIDENCE, ID)).isInstanceOf(Outcome.Ok.class);

        Response released = answer();

        assertThat(released.status()).isEqualTo(Response.Status.RELEASED);
        assertThat(released.decision().ruleIds()).doesNotContain(ReleaseGate.NOTIFICATION);
        assertThat(broker.store.events(ID)).extracting(AuditEvent::action).contains("NOTIFICATION_CLEARED");
    }

    @Test
    void clearNotification_isRecordedOnce_andOnlyByTheContactPoint() {
        assertThat(broker.responses.clearNotification(Callers.NL_POLICE, ID)).isInstanceOf(Outcome.Forbidden.class);
        assertThat(broker.responses.clearNotification(Callers.DE_POC247, ID)).isInstanceOf(Outcome.NotFound.class);
        assertThat(broker.responses.clearNotification(DE_EEVIDENCE, ID)).isInstanceOf(Outcome.Ok.class);
        assertThat(broker.responses.clearNotification(DE_EEVIDENCE, ID)).isInstanceOf(Outcome.Conflict.class);
    }

    @Test
    void submit_withTheSameIdempotencyKey_returnsTheFirstResponse_andStoresOne() {
        Answer traffic = new Answer(List.of(new ResponseRecord(DataCategory.TRAFFIC, ResponseRecord.Owner.DATA_SUBJECT, false,
                Map.of("ipAddress", "203.0.113.7"), "DE", Tlp.AMBER)), null, false, Tlp.AMBER);
        var key = Optional.of(new RequestStore.IdempotencyKey("DE#DE-EEVIDENCE#de-eevidence#" + ID, "answer-0001", "fp-1"));

        Response first = ((Outcome.Ok<Response>) broker.responses.submit(DE_EEVIDENCE, ID, traffic, key)).value();
        Response retry = ((Outcome.Ok<Response>) broker.responses.submit(DE_EEVIDENCE, ID, traffic, key)).value();

        assertThat(retry.number()).isEqualTo(first.number());
        assertThat(broker.store.responses(ID)).hasSize(1);
    }

    @Test
    void submit_refusesAnIdempotencyKeyReusedForAnotherAnswer() {
        Answer traffic = new Answer(List.of(new ResponseRecord(DataCategory.TRAFFIC, ResponseRecord.Owner.DATA_SUBJECT, false,
                Map.of("ipAddress", "203.0.113.7"), "DE", Tlp.AMBER)), null, false, Tlp.AMBER);
        broker.responses.submit(DE_EEVIDENCE, ID, traffic,
                Optional.of(new RequestStore.IdempotencyKey("scope", "answer-0001", "fp-1")));

        assertThat(broker.responses.submit(DE_EEVIDENCE, ID, traffic,
                Optional.of(new RequestStore.IdempotencyKey("scope", "answer-0001", "fp-2")))).isInstanceOf(Outcome.Invalid.class);
        assertThat(broker.store.responses(ID)).hasSize(1);
    }
}
