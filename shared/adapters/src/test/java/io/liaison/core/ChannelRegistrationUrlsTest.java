package io.liaison.core;

import com.fasterxml.jackson.databind.JsonNode;
import io.liaison.core.webhook.Ground;
import io.liaison.core.webhook.Reach;
import io.liaison.core.webhook.WebhookUrl;
import io.liaison.json.Json;
import io.liaison.testing.Callers;
import io.liaison.testing.InMemoryBroker;
import io.liaison.testing.InMemoryChannelStore;
import io.liaison.testing.TestClock;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which webhook URLs an administrator can register: cases/webhook-urls.json, each with the reach
 * in force (public only unless the case says the local server's), and either the normal form that
 * is stored or the ground of the refusal with words its 422 must say.
 */
class ChannelRegistrationUrlsTest {
    private static final String SECRET = "whsec_" + "A".repeat(43) + "=";
    private static final Recipient DE_POC247 = new Recipient.ContactPointRecipient("DE-POC247");

    static Stream<Arguments> cases() throws IOException {
        JsonNode cases;
        try (InputStream in = ChannelRegistrationUrlsTest.class.getResourceAsStream("/cases/webhook-urls.json")) {
            cases = Json.MAPPER.readTree(in);
        }
        List<Arguments> arguments = new ArrayList<>();
        for (JsonNode c : cases) {
            arguments.add(Arguments.of(c.get("desc").asText(), c.get("url").asText(),
                    Reach.valueOf(c.path("reach").asText("PUBLIC")), c.get("expect").asText(),
                    c.has("stored") ? c.get("stored").asText() : c.get("reason").asText()));
        }
        return arguments.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void register_storesTheNormalForm_orRefuses422AtUrlSayingWhy(String desc, String url, Reach reach, String expect, String text) {
        // GIVEN the channel service with the case's reach
        InMemoryChannelStore store = new InMemoryChannelStore();
        ChannelService channels = new ChannelService(store, InMemoryBroker.DIRECTORY, new TestClock(), reach);

        // WHEN an administrator registers the URL as DE-POC247's webhook
        Outcome<ChannelService.InForce> outcome = channels.register(Callers.ADMIN, DE_POC247, new Channel.Webhook(url), SECRET);

        // THEN it is stored in its normal form, or refused at /url with the reason, and nothing is stored
        if (expect.equals("ACCEPTED")) {
            assertThat(outcome).as(desc).isInstanceOf(Outcome.Ok.class);
            assertThat(store.find(DE_POC247)).as(desc).hasValueSatisfying(r -> assertThat(r.channel()).isEqualTo(new Channel.Webhook(text)));
        } else {
            assertThat(outcome).as(desc).isInstanceOf(Outcome.Invalid.class);
            assertThat(((Outcome.Invalid<ChannelService.InForce>) outcome).violations()).as(desc).singleElement().satisfies(v -> {
                        assertThat(v.pointer()).isEqualTo("/url");
                        assertThat(v.detail()).contains(text);
                    });
            assertThat(store.all()).as(desc).isEmpty();
            assertThat(WebhookUrl.parse(url, reach)).as(desc + ": the ground").isInstanceOfSatisfying(WebhookUrl.Parsed.Refused.class,
                    r -> assertThat(r.refusal().ground()).isEqualTo(Ground.valueOf(expect)));
        }
    }
}
