package io.liaison.local;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;

import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * A development OIDC issuer: an ES256 key made at start, tokens for the demo users, and the
 * check API Gateway's JWT authorizer makes (signature, issuer, audience, expiry).
 */
public final class DevIssuer {
    public static final String AUDIENCE = "liaison-local";
    static final Duration LIFETIME = Duration.ofHours(12);

    private final ECKey key;
    private final String issuer;
    private final Clock clock;
    private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();

    public DevIssuer(String issuer, Clock clock) {
        this.issuer = issuer;
        this.clock = clock;
        try {
            this.key = new ECKeyGenerator(Curve.P_256).keyID(UUID.randomUUID().toString()).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot make the dev signing key", e);
        }
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.ES256,
                new ImmutableJWKSet<>(new JWKSet(key.toPublicJWK()))));
        processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(AUDIENCE,
                new JWTClaimsSet.Builder().issuer(issuer).build(), Set.of("sub", "exp", "iat")));
    }

    public String issuer() {
        return issuer;
    }

    public String publicJwks() {
        return new JWKSet(key.toPublicJWK()).toString();
    }

    public String token(DemoUsers.User user) {
        Date now = Date.from(clock.instant());
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(issuer).audience(AUDIENCE).subject(user.subject()).issueTime(now)
                .expirationTime(Date.from(clock.instant().plus(LIFETIME))).jwtID(UUID.randomUUID().toString())
                .claim("name", user.name()).claim("role", user.role()).claim("jurisdiction", user.jurisdiction());
        if (user.agency() != null) claims.claim("agency", user.agency());
        if (user.contactPoint() != null) claims.claim("contact_point", user.contactPoint());
        if (user.auditedJurisdictions() != null) claims.claim("jurisdictions", user.auditedJurisdictions());
        if (user.network()) claims.claim("network", "true");
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.getKeyID()).build(), claims.build());
        try {
            jwt.sign(new ECDSASigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign a dev token", e);
        }
        return jwt.serialize();
    }

    /**
     * The claims of a valid bearer token, as API Gateway hands them to the function (every value
     * a string), or empty when the token is missing or fails any check.
     */
    public Optional<Map<String, String>> verify(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) return Optional.empty();
        try {
            JWTClaimsSet claims = processor.process(authorization.substring(7).trim(), null);
            Map<String, String> strings = new LinkedHashMap<>();
            claims.getClaims().forEach((name, value) -> strings.put(name, switch (value) {
                case Date date -> Long.toString(date.toInstant().getEpochSecond());
                case java.util.List<?> list when name.equals("aud") && list.size() == 1 -> String.valueOf(list.get(0));
                default -> String.valueOf(value);
            }));
            return Optional.of(strings);
        } catch (Exception e) { // any parse, signature or claims failure is the same 401
            return Optional.empty();
        }
    }
}
