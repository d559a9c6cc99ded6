package io.liaison.infra;

import io.liaison.local.LocalBroker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Paging through 10,000 events of one day returns each exactly once, through the index. On a
 * broker of its own: its stream carries the 10,000 inserts, which must not hold up other tests'
 * routing (against LocalStack that took minutes).
 */
@ExtendWith(Broker.Own.class)
class AuditPagingTest {
    private static final Instant DAY = Instant.parse("2001-03-14T00:00:00Z");

    @Test
    void pagingThrough10000Events_returnsEachExactlyOnce(Api api, LocalBroker broker) {
        List<WriteRequest> writes = new ArrayList<>();
        for (int r = 0; r < 100; r++) {
            String requestId = UUID.nameUUIDFromBytes(("paging-" + r).getBytes()).toString();
            for (int s = 1; s <= 100; s++) {
                Instant at = DAY.plusSeconds(r * 100L + s);
                String seq = String.format("%010d", s);
                Map<String, AttributeValue> item = Map.ofEntries(
                        Map.entry("PK", AttributeValue.fromS("REQ#" + requestId)), Map.entry("SK", AttributeValue.fromS("EVENT#" + seq)),
                        Map.entry("kind", AttributeValue.fromS("EVENT")), Map.entry("requestId", AttributeValue.fromS(requestId)),
                        Map.entry("sequence", AttributeValue.fromN(Integer.toString(s))),
                        Map.entry("at", AttributeValue.fromS(io.liaison.json.Times.format(at))),
                        Map.entry("action", AttributeValue.fromS("RESPONSES_READ")), Map.entry("fromStatus", AttributeValue.fromS("ACCEPTED")),
                        Map.entry("toStatus", AttributeValue.fromS("ACCEPTED")), Map.entry("actorRole", AttributeValue.fromS("requester")),
                        Map.entry("GSI4PK", AttributeValue.fromS("EVENTS#2001-03-14")),
                        Map.entry("GSI4SK", AttributeValue.fromS(io.liaison.json.Times.format(at) + "#" + requestId + "#" + seq)),
                        Map.entry("requesterJurisdiction", AttributeValue.fromS("NL")),
                        Map.entry("targetJurisdiction", AttributeValue.fromS("JP")));
                writes.add(WriteRequest.builder().putRequest(PutRequest.builder().item(item).build()).build());
            }
        }
        for (int i = 0; i < writes.size(); i += 25) {
            List<WriteRequest> batch = writes.subList(i, Math.min(i + 25, writes.size()));
            var unprocessed = broker.dynamoDb().batchWriteItem(b -> b.requestItems(Map.of(broker.tableName(), batch)))
                    .unprocessedItems();
            assertThat(unprocessed).isEmpty();
        }

        Set<String> seen = new HashSet<>();
        int returned = 0;
        String cursor = null;
        for (int page = 0; page < 200; page++) {
            var body = api.get("auditor", "/audit/events?from=2001-03-14T00:00:00Z&to=2001-03-14T23:59:59Z&limit=100"
                    + (cursor == null ? "" : "&cursor=" + cursor)).json();
            for (var e : body.path("items")) {
                seen.add(e.path("requestId").asText() + "/" + e.path("sequence").asLong());
                returned++;
            }
            if (body.path("nextCursor").isNull()) break;
            cursor = body.path("nextCursor").asText();
        }

        assertThat(returned).isEqualTo(10_000);
        assertThat(seen).hasSize(10_000);
    }
}
