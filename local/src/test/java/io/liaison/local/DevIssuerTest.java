package io.liaison.local;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The local stand-in for the JWT authorizer accepts exactly what API Gateway would. */
class DevIssuerTest {
    private static final String ISSUER = "http://127.0.0.1:8080/dev";
    private static final DemoUsers.User NL_POLICE =
            new DemoUsers.User("nl-police", "Politie", "requester", "NL", "NL-POLITIE-THTC", null);

    private final DevIssuer issuer = new DevIssuer(ISSUER, Clock.systemUTC());

    @Test
    void verify_passesTheClaimsOn_asTheStringsApiGatewayHandsToFunctions() {
        var claims = issuer.verify("Bearer " + issuer.token(NL_POLICE)).orElseThrow();

        assertThat(claims).containsEntry("sub", "nl-police").containsEntry("role", "requester")
                .containsEntry("jurisdiction", "NL").containsEntry("agency", "NL-POLITIE-THTC")
                .containsEntry("aud", DevIssuer.AUDIENCE).containsEntry("iss", ISSUER);
        assertThat(claims.get("exp")).containsOnlyDigits();
    }

    @Test
    void verify_refusesAnExpiredToken() {
        DevIssuer yesterday = new DevIssuer(ISSUER, Clock.offset(Clock.systemUTC(), Duration.ofDays(-1)));
        String expired = yesterday.token(NL_POLICE);

        assertThat(yesterday.verify("Bearer " + expired)).isEmpty();
    }

    @Test
    void verify_refusesATokenSignedWithAnotherKey() {
        String foreign = new DevIssuer(ISSUER, Clock.systemUTC()).token(NL_POLICE);

        assertThat(issuer.verify("Bearer " + foreign)).isEmpty();
    }

    @Test
    void verify_refusesAMissingOrMalformedHeader() {
        assertThat(issuer.verify(null)).isEmpty();
        assertThat(issuer.verify("Basic bmwtcG9saWNlOnB3")).isEmpty();
        assertThat(issuer.verify("Bearer not.a.jwt")).isEmpty();
    }
}
