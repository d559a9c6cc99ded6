package io.liaison.tracking;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import io.liaison.testing.Callers;
import io.liaison.testing.Filings;
import io.liaison.testing.InMemoryBroker;
import io.liaison.testing.SequentialIds;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import static io.liaison.testing.SampleEvents.body;
import static io.liaison.testing.SampleEvents.claims;
import static io.liaison.testing.SampleEvents.httpApi;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the parties of a request read, driven by events/tracking-list-requests.json,
 * tracking-get-request.json and tracking-list-events.json, all sent by the Dutch police.
 */
class TrackingHandlerTest {
    private static final String ID = SequentialIds.SAMPLE_REQUEST_ID;
    private static final String JSON = "application/json";
    private static final String PROBLEM = "application/problem+json";

    private final InMemoryBroker broker = new InMemoryBroker(ID);
    private final TrackingHandler handler = new TrackingHandler(broker.wiring);

    private APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent event) {
        return handler.handleRequest(event, null);
    }

    private static String contentType(APIGatewayV2HTTPResponse response) {
        return response.getHeaders().get("content-type");
    }

    /** The sample request, filed by the Dutch police and routed to DE-POC247. */
    private void sampleRouted() {
        broker.requests.file(Callers.NL_POLICE, Filings.preservation().build(), Optional.empty());
        broker.requests.route(ID).orElseThrow();
    }

    private static void query(APIGatewayV2HTTPEvent event, String name, String value) {
        Map<String, String> query = new HashMap<>(event.getQueryStringParameters());
        query.put(name, value);
        event.setQueryStringParameters(query);
    }

    @Nested
    class ListRequests {
        /** Three requests of the Dutch police, a minute apart; the sample is the oldest. */
        private void threeFiled() {
            sampleRouted();
            for (String target : new String[] {"FR", "BE"}) {
                broker.clock.advance(Duration.ofMinutes(1));
                broker.requests.file(Callers.NL_POLICE, Filings.preservation().target(target).build(), Optional.empty());
            }
        }

        @Test
        void list_returnsAPageOfItems_andTheCursorToTheNext() {
            // GIVEN three requests of the agency
            threeFiled();

            // WHEN the sample asks for two
            APIGatewayV2HTTPResponse response = handle(httpApi("tracking-list-requests.json"));

            // THEN the two newest come back, with a cursor for the rest
            assertThat(response.getStatusCode()).isEqualTo(200);
            assertThat(contentType(response)).isEqualTo(JSON);
            JsonNode page = body(response);
            assertThat(page.get("items")).extracting(i -> i.get("filing").get("targetJurisdiction").asText())
                    .containsExactly("BE", "FR");
            assertThat(page.get("nextCursor").isTextual()).isTrue();
        }

        @Test
        void list_returnsTheRest_andANullCursor_onTheLastPage() {
            threeFiled();
            String cursor = body(handle(httpApi("tracking-list-requests.json"))).get("nextCursor").asText();
            APIGatewayV2HTTPEvent next = httpApi("tracking-list-requests.json");
            query(next, "cursor", cursor);

            JsonNode page = body(handle(next));

            assertThat(page.get("items")).extracting(i -> i.get("id").asText()).containsExactly(ID);
            assertThat(page.get("nextCursor").isNull()).isTrue();
        }

        @Test
        void list_showsNothing_ofAnotherAgency() {
            threeFiled();
            APIGatewayV2HTTPEvent event = httpApi("tracking-list-requests.json");
            claims(event).put("agency", "NL-FIOD");

            JsonNode page = body(handle(event));

            assertThat(page.get("items")).isEmpty();
            assertThat(page.get("nextCursor").isNull()).isTrue();
        }

        @Test
        void list_filtersByStatus() {
            threeFiled();
            APIGatewayV2HTTPEvent event = httpApi("tracking-list-requests.json");
            query(event, "status", "ROUTED");

            JsonNode page = body(handle(event));

            assertThat(page.get("items")).extracting(i -> i.get("id").asText()).containsExactly(ID);
        }

        @Test
        void list_returns400_forAnUnknownStatus() {
            APIGatewayV2HTTPEvent event = httpApi("tracking-list-requests.json");
            query(event, "status", "OPEN");

            APIGatewayV2HTTPResponse response = handle(event);

            assertThat(response.getStatusCode()).isEqualTo(400);
            assertThat(contentType(response)).isEqualTo(PROBLEM);
            JsonNode error = body(response).get("errors").get(0);
            assertThat(error.get("pointer").asText()).isEqualTo("/status");
            assertThat(error.get("detail").asText()).contains("FILED, ROUTED");
        }

        @Test
        void list_returns400_forALimitOutsideOneTo100() {
            APIGatewayV2HTTPEvent event = httpApi("tracking-list-requests.json");
            query(event, "limit", "101");

            APIGatewayV2HTTPResponse response = handle(event);

            assertThat(response.getStatusCode()).isEqualTo(400);
            assertThat(body(response).get("errors").get(0).get("pointer").asText()).isEqualTo("/limit");
        }

        @Test
        void list_returns400_forACursorTheListDidNotHandOut() {
            APIGatewayV2HTTPEvent event = httpApi("tracking-list-requests.json");
            query(event, "cursor", "not-a-cursor");

            APIGatewayV2HTTPResponse response = handle(event);

            assertThat(response.getStatusCode()).isEqualTo(400);
            assertThat(body(response).get("type").asText()).isEqualTo("/problems/bad-cursor");
        }

        @Test
        void list_returns403_toAnAuditor() {
            APIGatewayV2HTTPEvent event = httpApi("tracking-list-requests.json");
            claims(event).put("role", "auditor");

            assertThat(handle(event).getStatusCode()).isEqualTo(403);
        }
    }

    @Nested
    class GetRequest {
        @Test
        void get_returnsTheRequest_withItsContactPointAndDeadlines() {
            // GIVEN the sample routed to DE-POC247
            sampleRouted();

            // WHEN the requester reads it
            APIGatewayV2HTTPResponse response = handle(httpApi("tracking-get-request.json"));

            // THEN it shows status, contact point by name, the rule and the deadlines
            assertThat(response.getStatusCode()).isEqualTo(200);
            assertThat(contentType(response)).isEqualTo(JSON);
            JsonNode request = body(response);
            assertThat(request.get("id").asText()).isEqualTo(ID);
            assertThat(request.get("status").asText()).isEqualTo("ROUTED");
            assertThat(request.get("contactPoint").get("name").asText()).isEqualTo("BKA high-tech crime unit, Wiesbaden");
            assertThat(request.get("routingRule").asText()).isEqualTo("R2-PRESERVATION");
            assertThat(request.get("deadlines").get("acknowledgeBy").asText()).isEqualTo("2026-11-24T13:30:00.000Z");
            assertThat(request.get("deadlines").get("respondBy").asText()).isEqualTo("2026-11-25T09:30:00.000Z");
        }

        @Test
        void get_returns404_toACallerFromAnotherAgency() {
            sampleRouted();
            APIGatewayV2HTTPEvent event = httpApi("tracking-get-request.json");
            claims(event).put("agency", "NL-FIOD");

            APIGatewayV2HTTPResponse response = handle(event);

            assertThat(response.getStatusCode()).isEqualTo(404);
            assertThat(contentType(response)).isEqualTo(PROBLEM);
        }

        @Test
        void get_answersAnOutsider_exactlyAsIfTheRequestDidNotExist() {
            // GIVEN what another agency gets for the sample request
            sampleRouted();
            APIGatewayV2HTTPEvent outsider = httpApi("tracking-get-request.json");
            claims(outsider).put("agency", "NL-FIOD");
            APIGatewayV2HTTPResponse forOutsider = handle(outsider);

            // WHEN the agency asks for an id nobody filed
            APIGatewayV2HTTPEvent unknown = httpApi("tracking-get-request.json");
            claims(unknown).put("agency", "NL-FIOD");
            unknown.setPathParameters(Map.of("id", "00000000-0000-4000-8000-000000000999"));
            APIGatewayV2HTTPResponse forUnknown = handle(unknown);

            // THEN the two answers are the same, so scope leaks nothing
            assertThat(forOutsider.getStatusCode()).isEqualTo(forUnknown.getStatusCode());
            assertThat(forOutsider.getBody()).isEqualTo(forUnknown.getBody());
        }

        @Test
        void get_returnsTheRequest_toTheContactPointItWasRoutedTo() {
            sampleRouted();
            APIGatewayV2HTTPEvent event = httpApi("tracking-get-request.json");
            Map<String, String> claims = claims(event);
            claims.put("sub", "de-poc247");
            claims.put("role", "contact_point");
            claims.put("jurisdiction", "DE");
            claims.remove("agency");
            claims.put("contact_point", "DE-POC247");

            assertThat(handle(event).getStatusCode()).isEqualTo(200);
        }
    }

    @Nested
    class ListEvents {
        @Test
        void events_returnsTheTrailInOrder_withRulesButNoText() {
            // GIVEN the sample routed
            sampleRouted();

            // WHEN the requester reads its trail
            APIGatewayV2HTTPResponse response = handle(httpApi("tracking-list-events.json"));

            // THEN it is filing then routing, numbered from 1, routed by Liaison under both rules
            assertThat(response.getStatusCode()).isEqualTo(200);
            assertThat(contentType(response)).isEqualTo(JSON);
            JsonNode trail = body(response);
            assertThat(trail.get("requestId").asText()).isEqualTo(ID);
            JsonNode items = trail.get("items");
            assertThat(items).extracting(e -> e.get("sequence").asLong()).containsExactly(1L, 2L);
            assertThat(items).extracting(e -> e.get("action").asText()).containsExactly("FILED", "ROUTED");
            assertThat(items.get(0).get("from").isNull()).isTrue();
            assertThat(items.get(1).get("from").asText()).isEqualTo("FILED");
            assertThat(items.get(1).get("actor").get("role").asText()).isEqualTo("system");
            assertThat(items.get(1).get("ruleIds")).extracting(JsonNode::asText)
                    .containsExactly("R2-PRESERVATION", "D4-PRESERVATION");
        }

        @Test
        void events_returns404_toACallerFromAnotherAgency() {
            sampleRouted();
            APIGatewayV2HTTPEvent event = httpApi("tracking-list-events.json");
            claims(event).put("agency", "NL-FIOD");

            assertThat(handle(event).getStatusCode()).isEqualTo(404);
        }
    }
}
