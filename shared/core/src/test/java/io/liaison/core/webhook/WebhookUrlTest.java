package io.liaison.core.webhook;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The send-time half of the rule (the registration half is cases/webhook-urls.json): the addresses
 * a name resolved to, judged before any connection. Addresses are made from bytes here; nothing is
 * resolved and nothing is sent.
 */
class WebhookUrlTest {
    private static InetAddress address(int... bytes) {
        byte[] out = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) out[i] = (byte) bytes[i];
        try {
            return InetAddress.getByAddress(out);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static WebhookUrl url(String text, Reach reach) {
        return ((WebhookUrl.Parsed.Accepted) WebhookUrl.parse(text, reach)).url();
    }

    private static final InetAddress PUBLIC = address(8, 8, 8, 8);
    private static final InetAddress PRIVATE = address(10, 0, 0, 1);
    private static final InetAddress LOOPBACK = address(127, 0, 0, 2);

    @Test
    void checkResolved_admits_whenEveryAddressIsPublic() {
        assertThat(url("https://hooks.example.org/x", Reach.PUBLIC).checkResolved(List.of(PUBLIC, address(1, 1, 1, 1)), Reach.PUBLIC)).isEmpty();
    }

    @Test
    void checkResolved_refuses_whenAnyAddressIsNotPublic_namingIt() {
        var refusal = url("https://hooks.example.org/x", Reach.PUBLIC).checkResolved(List.of(PUBLIC, PRIVATE), Reach.PUBLIC);

        assertThat(refusal).hasValueSatisfying(r -> {
            assertThat(r.ground()).isEqualTo(Ground.PRIVATE);
            assertThat(r.detail()).isEqualTo("hooks.example.org resolves to 10.0.0.1, a private-use address (RFC 1918): webhooks go to public hosts only");
        });
    }

    @Test
    void checkResolved_refusesLoopback_unlessTheLocalServerAllowsIt() {
        WebhookUrl url = url("https://hooks.example.org/x", Reach.PUBLIC);

        assertThat(url.checkResolved(List.of(LOOPBACK), Reach.PUBLIC)).hasValueSatisfying(r -> assertThat(r.ground()).isEqualTo(Ground.LOOPBACK));
        assertThat(url.checkResolved(List.of(LOOPBACK), Reach.PUBLIC_AND_LOOPBACK)).isEmpty();
    }

    @Test
    void checkResolved_refusesPrivate_evenWhereLoopbackIsAllowed() {
        assertThat(url("https://hooks.example.org/x", Reach.PUBLIC_AND_LOOPBACK).checkResolved(List.of(LOOPBACK, PRIVATE), Reach.PUBLIC_AND_LOOPBACK))
                .hasValueSatisfying(r -> assertThat(r.ground()).isEqualTo(Ground.PRIVATE));
    }

    @Test
    void checkResolved_refusesPlainHttp_whenLocalhostLeadsOffTheLoopbackInterface() {
        WebhookUrl url = url("http://localhost:9000/hooks", Reach.PUBLIC_AND_LOOPBACK);

        assertThat(url.checkResolved(List.of(LOOPBACK, PUBLIC), Reach.PUBLIC_AND_LOOPBACK))
                .hasValueSatisfying(r -> assertThat(r.ground()).isEqualTo(Ground.SCHEME));
    }

    @Test
    void checkResolved_judgesANat64AddressByTheIpv4AddressInside() {
        WebhookUrl url = url("https://hooks.example.org/x", Reach.PUBLIC);
        InetAddress nat64OfPrivate = address(0, 0x64, 0xff, 0x9b, 0, 0, 0, 0, 0, 0, 0, 0, 10, 0, 0, 1);
        InetAddress nat64OfPublic = address(0, 0x64, 0xff, 0x9b, 0, 0, 0, 0, 0, 0, 0, 0, 8, 8, 8, 8);

        assertThat(url.checkResolved(List.of(nat64OfPrivate), Reach.PUBLIC)).hasValueSatisfying(r -> assertThat(r.detail())
                .contains("resolves to 64:ff9b::a00:1, a NAT64 address of 10.0.0.1"));
        assertThat(url.checkResolved(List.of(nat64OfPublic), Reach.PUBLIC)).isEmpty();
    }

    @Test
    void checkResolved_refusesAMappedLoopbackAddress_evenWhereLoopbackIsAllowed() {
        InetAddress compatible = address(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 127, 0, 0, 1);

        assertThat(url("https://hooks.example.org/", Reach.PUBLIC_AND_LOOPBACK).checkResolved(List.of(compatible), Reach.PUBLIC_AND_LOOPBACK))
                .isPresent();
    }

    @Test
    void checkResolved_refusesAnEmptyAnswer() {
        assertThat(url("https://hooks.example.org/", Reach.PUBLIC).checkResolved(List.of(), Reach.PUBLIC)).isPresent();
    }

    @Test
    void literal_isTheAddressItself_andANameHasNone() {
        assertThat(url("https://[2606:4700::1111]/", Reach.PUBLIC).literal()).hasValueSatisfying(a ->
                assertThat(SpecialAddresses.text(a)).isEqualTo("2606:4700::1111"));
        assertThat(url("https://8.8.8.8/", Reach.PUBLIC).literal()).contains(PUBLIC);
        assertThat(url("https://hooks.example.org/", Reach.PUBLIC).literal()).isEmpty();
    }

    @Test
    void authorityAndOrigin_bracketIpv6_andTheAuthorityLeavesOutTheDefaultPort() {
        WebhookUrl v6 = url("https://[2606:4700::1111]:8443/a?b", Reach.PUBLIC);
        WebhookUrl name = url("https://hooks.example.org/a?b", Reach.PUBLIC);

        assertThat(v6.authority()).isEqualTo("[2606:4700::1111]:8443");
        assertThat(v6.origin()).isEqualTo("https://[2606:4700::1111]:8443");
        assertThat(name.authority()).isEqualTo("hooks.example.org");
        assertThat(name.origin()).isEqualTo("https://hooks.example.org:443");
        assertThat(name.target()).isEqualTo("/a?b");
    }

    @ParameterizedTest
    @CsvSource({"2001:db8:0:0:1:0:0:1, 2001:db8::1:0:0:1", "2001:0DB8::0001, 2001:db8::1", "1:0:0:0:0:0:0:0, 1::",
            "0:0:0:0:0:0:0:0, ::", "1:0:0:2:0:0:0:3, 1:0:0:2::3", "2001:db8::0:1, 2001:db8::1", "2001:db8:1:1:1:1:1:1, 2001:db8:1:1:1:1:1:1",
            "2001:db8::1:0, 2001:db8::1:0", "::ffff:1.2.3.4, ::ffff:102:304", "1:2:3:4:5:6:7::, 1:2:3:4:5:6:7:0"})
    void ipv6_isReadAndWrittenTheRfc5952Way(String text, String canonical) {
        assertThat(IpLiterals.ipv6(text).map(IpLiterals::format)).contains(canonical);
    }

    @ParameterizedTest
    @ValueSource(strings = {":::", "1::2::3", "12345::", "1:2:3:4:5:6:7:8:9", "1:2:3:4:5:6:7", "1.2.3.4::", "::1.2.3", "g::", ":1::",
            "1::2:", "::01.2.3.4", "１::"})
    void ipv6_refusesWhatIsNotAnAddress(String text) {
        assertThat(IpLiterals.ipv6(text)).isEmpty();
    }
}
