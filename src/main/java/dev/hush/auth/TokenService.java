package dev.hush.auth;

import dev.hush.config.JwtSettings;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.function.LongSupplier;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.NumericDate;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.HmacKey;
import org.jose4j.lang.JoseException;

/**
 * Issues and verifies access tokens: JWS compact HS256 with {@code exp}, {@code iat},
 * {@code jti}, {@code type: "access"} and {@code gen}, the wipe generation at issue time.
 * Verification accepts HS256 only, so {@code none} and every other algorithm fail, and requires
 * {@code exp} with no clock skew allowance beyond 5 s.
 *
 * <p>A token whose {@code gen} is below the wipe generation this instance has loaded was issued before
 * a wipe and is rejected, so a wipe ends every session. A generation counter is used rather than
 * comparing {@code iat} with the wipe time because it does not depend on the clocks of several
 * instances agreeing, nor on {@code iat} having only one-second resolution.
 */
public final class TokenService {
    public static final String TOKEN_TYPE = "access";
    public static final String WIPE_GENERATION_CLAIM = "gen";
    private static final int CLOCK_SKEW_SECONDS = 5;

    private final HmacKey key;
    private final long lifetimeSeconds;
    private final Clock clock;
    private final LongSupplier wipeGeneration;

    /** Builds the service; {@code wipeGeneration} returns the newest wipe generation known. */
    public TokenService(JwtSettings settings, Clock clock, LongSupplier wipeGeneration) {
        this.key = new HmacKey(settings.secret().utf8Bytes());
        this.lifetimeSeconds = settings.expireMinutes() * 60L;
        this.clock = clock;
        this.wipeGeneration = wipeGeneration;
    }

    /** A signed token and its lifetime in seconds. */
    public record IssuedToken(String value, long expiresInSeconds) {
        @Override
        public String toString() {
            return "IssuedToken[value=[redacted], expiresInSeconds=" + expiresInSeconds + "]";
        }
    }

    public IssuedToken issue() {
        Instant now = clock.instant();
        JwtClaims claims = new JwtClaims();
        claims.setIssuedAt(NumericDate.fromSeconds(now.getEpochSecond()));
        claims.setExpirationTime(NumericDate.fromSeconds(now.getEpochSecond() + lifetimeSeconds));
        claims.setJwtId(UUID.randomUUID().toString());
        claims.setStringClaim("type", TOKEN_TYPE);
        // Read before signing: a wipe committing meanwhile leaves the token on the older
        // generation, so it is rejected as soon as the wipe is known, never wrongly accepted.
        claims.setClaim(WIPE_GENERATION_CLAIM, wipeGeneration.getAsLong());

        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.HMAC_SHA256);
        jws.setHeader("typ", "JWT");
        jws.setKey(key);
        try {
            return new IssuedToken(jws.getCompactSerialization(), lifetimeSeconds);
        } catch (JoseException e) {
            throw new IllegalStateException("Signing an access token failed", e);
        }
    }

    /**
     * Returns the session a valid access token proves, or empty for any invalid token, including
     * one issued before the newest known wipe or carrying no {@code gen} claim.
     */
    public Optional<VaultSession> verify(String token) {
        if (token == null || token.isEmpty() || token.length() > 4096) {
            return Optional.empty();
        }
        try {
            JwtClaims claims = consumerAt(clock.millis()).processToClaims(token);
            if (!TOKEN_TYPE.equals(claims.getClaimValue("type"))) {
                return Optional.empty();
            }
            Long generation = claims.getClaimValue(WIPE_GENERATION_CLAIM, Long.class);
            if (generation == null || generation < wipeGeneration.getAsLong()) {
                return Optional.empty();
            }
            Instant expiresAt = Instant.ofEpochSecond(claims.getExpirationTime().getValue());
            return Optional.of(new VaultSession(claims.getJwtId(), expiresAt, generation));
        } catch (InvalidJwtException | MalformedClaimException e) {
            return Optional.empty();
        }
    }

    private JwtConsumer consumerAt(long millis) {
        return new JwtConsumerBuilder()
                .setRequireExpirationTime()
                .setRequireIssuedAt()
                .setRequireJwtId()
                .setAllowedClockSkewInSeconds(CLOCK_SKEW_SECONDS)
                .setEvaluationTime(NumericDate.fromMilliseconds(millis))
                .setVerificationKey(key)
                .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT,
                        AlgorithmIdentifiers.HMAC_SHA256)
                .build();
    }
}
