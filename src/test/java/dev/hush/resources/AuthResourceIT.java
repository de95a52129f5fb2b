package dev.hush.resources;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hush.config.HushConfiguration;
import dev.hush.testing.ApiClient;
import dev.hush.testing.ApiClient.Result;
import dev.hush.testing.TestApp;
import dev.hush.testing.TestDatabase;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.keys.HmacKey;
import org.jose4j.lang.JoseException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(DropwizardExtensionsSupport.class)
class AuthResourceIT {
    static final DropwizardAppExtension<HushConfiguration> APP = TestApp.extension();

    private static final String WRONG_WORDS =
            "zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo wrong";

    private ApiClient client;

    @BeforeEach
    void setUp() {
        TestDatabase.get().truncateAll();
        client = TestApp.client(APP);
    }

    @Test
    void unlockAcceptsAnyCaseAndWhitespace() {
        List<String> variants = List.of(
                TestApp.WORDS,
                TestApp.WORDS.toUpperCase(),
                TestApp.WORDS.replace(" ", "\t"),
                TestApp.WORDS.replace(" ", "\n"),
                TestApp.WORDS.replace(" ", "   "),
                "  \r\n" + TestApp.WORDS.replace(" ", " \t\n ") + " \n",
                TestApp.WORDS.replace(" ", "\u00a0"),
                TestApp.WORDS.replace("abandon", "\uff41\uff42\uff41\uff4e\uff44\uff4f\uff4e"));

        for (String words : variants) {
            Result result = client.post("/api/auth", Map.of("words", words), null);

            assertThat(result.status()).as("unlock with %s", words.replace("\n", "\\n")).isEqualTo(200);
            assertThat(result.json().get("token").asText()).isNotBlank();
            assertThat(result.json().get("kdf_salt").asText()).isEqualTo(TestApp.KDF_SALT);
            assertThat(result.json().get("expires_in").asLong()).isEqualTo(3600);
        }
    }

    @Test
    void issuedTokenOpensApi() {
        String token = client.unlock();

        Result result = client.post("/api/threads/query",
                Map.of("thread_ids", List.of(UUID.randomUUID().toString())), token);

        assertThat(result.status()).isEqualTo(200);
    }

    @Test
    void wrongWordsCountDownRemainingAttempts() {
        for (int remaining = 4; remaining >= 1; remaining--) {
            Result result = client.post("/api/auth", Map.of("words", WRONG_WORDS), null);

            assertThat(result.status()).isEqualTo(401);
            assertThat(result.header("Content-Type")).startsWith("application/json");
            assertThat(result.json().get("error").asText()).isEqualTo("invalid_credentials");
            assertThat(result.json().get("message").asText()).isNotBlank();
            assertThat(result.json().get("remaining_attempts").asInt()).isEqualTo(remaining);
            assertThat(result.json().has("token")).isFalse();
        }
    }

    @Test
    void successClearsFailureCount() {
        client.post("/api/auth", Map.of("words", WRONG_WORDS), null);
        client.post("/api/auth", Map.of("words", WRONG_WORDS), null);
        client.unlock();

        Result result = client.post("/api/auth", Map.of("words", WRONG_WORDS), null);

        assertThat(result.json().get("remaining_attempts").asInt()).isEqualTo(4);
    }

    @Test
    void malformedUnlockIs400AndNotCounted() {
        List<String> bodies = List.of(
                "not json", "{", "{}", "[]", "null", "{\"words\":null}",
                "{\"words\":\"" + "a".repeat(19) + "\"}",
                "{\"words\":\"" + "a ".repeat(250) + "b\"}",
                "{\"words\":123456789012345678901234567890}",
                "{\"words\":1.5}", "{\"words\":true}", "{\"words\":[\"" + TestApp.WORDS + "\"]}",
                "{\"words\":{\"w\":\"" + TestApp.WORDS + "\"}}");

        for (String body : bodies) {
            Result result = client.postRaw("/api/auth", body, "application/json", null);

            assertThat(result.status()).as("status for %s", body).isEqualTo(400);
            assertThat(result.json().get("error").asText()).as("error for %s", body).isNotBlank();
            assertThat(result.json().get("message").asText()).as("message for %s", body).isNotBlank();
        }
        Result wrongType = client.postRaw("/api/auth", "{\"words\":\"" + WRONG_WORDS + "\"}",
                "text/plain", null);
        assertThat(wrongType.status()).isEqualTo(415);

        Result counted = client.post("/api/auth", Map.of("words", WRONG_WORDS), null);

        assertThat(counted.json().get("remaining_attempts").asInt()).isEqualTo(4);
    }

    @Test
    void wordsOf20And500CharactersAreJudged() {
        String shortest = "a".repeat(20);
        String longest = "a ".repeat(249) + "bc";

        Result first = client.post("/api/auth", Map.of("words", shortest), null);
        Result second = client.post("/api/auth", Map.of("words", longest), null);

        assertThat(longest).hasSize(500);
        assertThat(first.status()).isEqualTo(401);
        assertThat(first.json().get("remaining_attempts").asInt()).isEqualTo(4);
        assertThat(second.status()).isEqualTo(401);
        assertThat(second.json().get("remaining_attempts").asInt()).isEqualTo(3);
    }

    @Test
    void saltNeedsNoToken() {
        Result result = client.get("/api/auth/salt", null);

        assertThat(result.status()).isEqualTo(200);
        assertThat(result.json().get("kdf_salt").asText()).isEqualTo(TestApp.KDF_SALT);
        assertThat(result.json().size()).isEqualTo(1);
    }

    @Test
    void tokenInQueryStringIsIgnored() {
        String token = client.unlock();

        Result result = client.get("/api/messages/" + UUID.randomUUID() + "?access_token=" + token, null);

        expectUnauthorized(result, "token in ?access_token=");
    }

    @Test
    void missingOrInvalidTokenIs401Json() throws Exception {
        String valid = client.unlock();
        String path = "/api/messages/" + UUID.randomUUID() + "/count";
        Map<String, String> headers = Map.of(
                "no header", "",
                "garbage token", "Bearer garbage",
                "empty bearer", "Bearer ",
                "basic scheme", "Basic " + valid,
                "token without scheme", valid,
                "tampered signature", "Bearer " + valid.substring(0, valid.length() - 2) + "xx",
                "other key", "Bearer " + sign(claims(3600, "access"), "another-secret-that-is-long-enough-for-hs256"),
                "expired", "Bearer " + sign(claims(-3600, "access"), TestApp.JWT_SECRET),
                "refresh type", "Bearer " + sign(claims(3600, "refresh"), TestApp.JWT_SECRET),
                "alg none", "Bearer " + unsigned(claims(3600, "access")));

        for (Map.Entry<String, String> header : headers.entrySet()) {
            var request = client.request(path, null).GET();
            if (!header.getValue().isEmpty()) {
                request.header("Authorization", header.getValue());
            }

            expectUnauthorized(client.send(request), header.getKey());
        }
        Result lowerCaseScheme = client.send(client.request(path, null).GET()
                .header("Authorization", "bearer " + valid));
        assertThat(lowerCaseScheme.status()).isEqualTo(200);
    }

    private static void expectUnauthorized(Result result, String what) {
        assertThat(result.status()).as("status for %s", what).isEqualTo(401);
        assertThat(result.header("Content-Type")).as("type for %s", what).startsWith("application/json");
        assertThat(result.json().get("error").asText()).as("error for %s", what).isEqualTo("unauthorized");
        assertThat(result.json().get("message").asText()).as("message for %s", what).isNotBlank();
    }

    private static JwtClaims claims(long expiresInSeconds, String type) {
        long now = System.currentTimeMillis() / 1000;
        JwtClaims claims = new JwtClaims();
        claims.setIssuedAt(NumericDate.fromSeconds(now - 7200));
        claims.setExpirationTime(NumericDate.fromSeconds(now + expiresInSeconds));
        claims.setJwtId(UUID.randomUUID().toString());
        claims.setStringClaim("type", type);
        return claims;
    }

    private static String sign(JwtClaims claims, String secret) throws JoseException {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.HMAC_SHA256);
        jws.setKey(new HmacKey(secret.getBytes(StandardCharsets.UTF_8)));
        return jws.getCompactSerialization();
    }

    private static String unsigned(JwtClaims claims) throws JoseException {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.NONE);
        jws.setAlgorithmConstraints(AlgorithmConstraints.NO_CONSTRAINTS);
        return jws.getCompactSerialization();
    }
}
