package io.liaison.notify;

import com.sun.net.httpserver.HttpServer;
import io.liaison.notify.DeliveryResult.Delivered;
import io.liaison.notify.DeliveryResult.Failed;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sesv2.SesV2Client;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** Against a loopback stand-in for the SES v2 REST endpoint: the SDK call shape and the failure mapping, no AWS. */
class SesMailerTest {
    static final Notice NOTICE = new Notice("0b6f2c1e-3", "request.routed",
            Instant.parse("2026-11-24T10:15:30Z"), "{\"type\":\"request.routed\"}");

    HttpServer ses;
    SesV2Client client;
    final List<String> requests = new CopyOnWriteArrayList<>();
    volatile int status = 200;
    volatile String answer = "{\"MessageId\":\"0100018c-ses-id\"}";

    @BeforeEach
    void start() throws IOException {
        ses = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        ses.createContext("/", exchange -> {
            requests.add(exchange.getRequestURI().getPath() + " " + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            if (status != 200) exchange.getResponseHeaders().add("x-amzn-ErrorType", "MessageRejected");
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        ses.start();
        client = SesV2Client.builder()
                .region(Region.EU_CENTRAL_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(UrlConnectionHttpClient.create())
                .endpointOverride(URI.create("http://127.0.0.1:" + ses.getAddress().getPort()))
                .build();
    }

    @AfterEach
    void stop() {
        client.close();
        ses.stop(0);
    }

    @Test
    void send_isDelivered_withTheSesMessageId_andSendsSubjectAndText() {
        DeliveryResult result = new SesMailer(client, "notices@liaison.example").send("spoc@police.example", NOTICE);

        assertThat(result).isEqualTo(new Delivered("accepted by SES as 0100018c-ses-id"));
        assertThat(requests).singleElement().asString()
                .startsWith("/v2/email/outbound-emails ")
                .contains("\"FromEmailAddress\":\"notices@liaison.example\"", "spoc@police.example", NOTICE.subject(), "request.routed");
    }

    @Test
    void send_fails_namingTheErrorCodeButNotTheAddress_whenSesRejects() {
        status = 400;
        answer = "{\"message\":\"Email address is not verified: spoc@police.example\"}";

        DeliveryResult result = new SesMailer(client, "notices@liaison.example").send("spoc@police.example", NOTICE);

        assertThat(result).isInstanceOfSatisfying(Failed.class, f -> assertThat(f.reason())
                .contains("MessageRejected", "400")
                .doesNotContain("police.example"));
    }
}
