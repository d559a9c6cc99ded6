package io.liaison.infra;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A contact point pages through its inbox with a status filter and sees every match exactly once. */
@ExtendWith(Broker.class)
class InboxPagingTest {
    private static final String OPERATOR = "br-poc247";
    private Api api;

    @BeforeEach
    void connect(Api api) {
        this.api = api;
    }

    @Test
    void pagingWithAStatusFilter_returnsEachMatchOnce_newestFirst() {
        List<String> routedNewestFirst = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            String id = api.file("us-fbi", Api.preservation().put("targetJurisdiction", "BR"));
            api.awaitRouted("us-fbi", id);
            routedNewestFirst.add(0, id);
        }
        List<String> accepted = new ArrayList<>();
        for (int i = 0; i < routedNewestFirst.size(); i += 4) {
            String id = routedNewestFirst.get(i);
            assertThat(api.post(OPERATOR, "/requests/" + id + "/acknowledgement",
                    Api.JSON.createObjectNode().put("decision", "accept")).status()).isEqualTo(200);
            accepted.add(id);
        }
        List<String> stillRouted = routedNewestFirst.stream().filter(id -> !accepted.contains(id)).toList();

        assertThat(allPages("ACCEPTED", 2)).containsExactlyElementsOf(accepted);
        assertThat(allPages("ROUTED", 5)).containsExactlyElementsOf(stillRouted);
        assertThat(allPages(null, 7)).containsExactlyElementsOf(routedNewestFirst);
    }

    private List<String> allPages(String status, int limit) {
        List<String> ids = new ArrayList<>();
        String cursor = null;
        for (int page = 0; page < 50; page++) {
            String query = "/requests?limit=" + limit + (status == null ? "" : "&status=" + status)
                    + (cursor == null ? "" : "&cursor=" + cursor);
            JsonNode body = api.get(OPERATOR, query).json();
            assertThat(body.path("items").size()).isLessThanOrEqualTo(limit);
            body.path("items").forEach(item -> ids.add(item.path("id").asText()));
            if (body.path("nextCursor").isNull()) return ids;
            cursor = body.path("nextCursor").asText();
        }
        throw new AssertionError("more than 50 pages");
    }
}
