package dev.hush.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hush.config.HushConfiguration;
import dev.hush.testing.ApiClient;
import dev.hush.testing.ApiClient.Result;
import dev.hush.testing.DefenseClient;
import dev.hush.testing.TestApp;
import dev.hush.testing.TestDatabase;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import java.util.function.Consumer;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.keys.HmacKey;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Forged and broken tokens are refused with 401 {"error":"unauthorized"}. */
@ExtendWith(DropwizardExtensionsSupport.class)
class TokenForgeryIT {
    static final DropwizardAppExtension<HushConfiguration> APP = TestApp.extension();
    private static final String PATH = "/api/threads/" + UUID.randomUUID();

    private ApiClient client;

    @BeforeEach
    void setUp() {
        client = TestApp.client(APP);
        DefenseClient.of(APP).task("wipe?confirm=yes");
    }

    /** Leaves no block behind for the next test class, whose app loads blocks when it starts. */
    @AfterAll
    static void cleanUp() {
        TestDatabase.get().truncateAll();
    }

    @Test
    void validTokenPasses() throws Exception {
        Result result = client.get(PATH, sign(AlgorithmIdentifiers.HMAC_SHA256, claims -> { }));

        assertThat(result.status()).isEqualTo(404);
    }

    @Test
    void algNoneIsRefused() throws Exception {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims(claims -> { }).toJson());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.NONE);
        jws.setAlgorithmConstraints(AlgorithmConstraints.NO_CONSTRAINTS);

        assertUnauthorized(jws.getCompactSerialization());
    }

    @Test
    void hs512WithSameSecretIsRefused() throws Exception {
        assertUnauthorized(sign(AlgorithmIdentifiers.HMAC_SHA512, claims -> { }));
    }

    @Test
    void flippedPayloadByteIsRefused() throws Exception {
        String token = sign(AlgorithmIdentifiers.HMAC_SHA256, claims -> { });
        String[] parts = token.split("\\.");
        byte[] payload = Base64.getUrlDecoder().decode(parts[1]);
        String json = new String(payload, StandardCharsets.UTF_8);
        payload = json.replace("\"access\"", "\"accesS\"").getBytes(StandardCharsets.UTF_8);
        String encoded = Base64.getUrlEncoder().withoutPadding().encodeToString(payload);
        String forged = parts[0] + "." + encoded + "." + parts[2];
        char[] bitFlipped = token.toCharArray();
        int index = parts[0].length() + 5;
        bitFlipped[index] = bitFlipped[index] == 'A' ? 'B' : 'A';

        assertUnauthorized(forged);
        assertUnauthorized(new String(bitFlipped));
    }

    @Test
    void missingExpIsRefused() throws Exception {
        assertUnauthorized(sign(AlgorithmIdentifiers.HMAC_SHA256, claims -> claims.unsetClaim("exp")));
    }

    @Test
    void expiredTokenIsRefused() throws Exception {
        long past = Instant.now().minusSeconds(120).getEpochSecond();
        assertUnauthorized(sign(AlgorithmIdentifiers.HMAC_SHA256, claims -> {
            claims.setIssuedAt(NumericDate.fromSeconds(past - 3600));
            claims.setExpirationTime(NumericDate.fromSeconds(past));
        }));
    }

    @Test
    void otherTypeIsRefused() throws Exception {
        assertUnauthorized(sign(AlgorithmIdentifiers.HMAC_SHA256, claims -> claims.setStringClaim("type", "refresh")));
        assertUnauthorized(sign(AlgorithmIdentifiers.HMAC_SHA256, claims -> claims.unsetClaim("type")));
    }

    @Test
    void missingWipeGenerationIsRefused() throws Exception {
        assertUnauthorized(sign(AlgorithmIdentifiers.HMAC_SHA256, claims -> claims.unsetClaim("gen")));
        assertUnauthorized(sign(AlgorithmIdentifiers.HMAC_SHA256, claims -> claims.setStringClaim("gen", "9")));
    }

    @Test
    void generationBeforeLastWipeIsRefused() throws Exception {
        long current = currentGeneration();

        assertUnauthorized(sign(AlgorithmIdentifiers.HMAC_SHA256, claims -> claims.setClaim("gen", current - 1)));
    }

    @Test
    void otherSecretIsRefused() throws Exception {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims(claims -> { }).toJson());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.HMAC_SHA256);
        jws.setKey(new HmacKey("another-secret-that-is-long-enough-for-hs256".getBytes(StandardCharsets.UTF_8)));

        assertUnauthorized(jws.getCompactSerialization());
    }

    @Test
    void garbageIsRefused() {
        assertUnauthorized("not-a-token");
        assertUnauthorized("a.b.c");
    }

    private void assertUnauthorized(String token) {
        Result result = client.get(PATH, token);

        assertThat(result.status()).isEqualTo(401);
        assertThat(result.json().get("error").asText()).isEqualTo("unauthorized");
        assertThat(result.text()).doesNotContain(token);
    }

    private static JwtClaims claims(Consumer<JwtClaims> change) {
        JwtClaims claims = new JwtClaims();
        long now = Instant.now().getEpochSecond();
        claims.setIssuedAt(NumericDate.fromSeconds(now));
        claims.setExpirationTime(NumericDate.fromSeconds(now + 600));
        claims.setJwtId(UUID.randomUUID().toString());
        claims.setStringClaim("type", "access");
        claims.setClaim("gen", currentGeneration());
        change.accept(claims);
        return claims;
    }

    /** Returns the wipe generation stored in the database, which setUp's wipe made at least 1. */
    private static long currentGeneration() {
        return DefenseClient.queryLong("SELECT wipe_generation FROM vault_state WHERE id = 1");
    }

    private static String sign(String algorithm, Consumer<JwtClaims> change) throws Exception {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims(change).toJson());
        jws.setAlgorithmHeaderValue(algorithm);
        jws.setHeader("typ", "JWT");
        jws.setKey(new HmacKey(TestApp.JWT_SECRET.getBytes(StandardCharsets.UTF_8)));
        jws.setDoKeyValidation(false);
        return jws.getCompactSerialization();
    }
}
