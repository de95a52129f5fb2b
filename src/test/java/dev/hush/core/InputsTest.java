package dev.hush.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hush.errors.ApiException;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class InputsTest {
    @Test
    void uuidAcceptsAnyCaseAndAnyVersionBits() {
        assertThat(Inputs.uuid("id", "ABCDEF01-2345-6789-abcd-ef0123456789"))
                .isEqualTo(UUID.fromString("abcdef01-2345-6789-abcd-ef0123456789"));
        assertThat(Inputs.uuid("id", "00000000-0000-0000-0000-000000000000")).isEqualTo(new UUID(0, 0));
        assertThat(Inputs.uuid("id", "ffffffff-ffff-ffff-ffff-ffffffffffff")).isEqualTo(new UUID(-1, -1));
    }

    @Test
    void uuidRejectsOtherShapes() {
        for (String value : List.of("", "1-2-3-4-5", "abcdef0123456789abcdef0123456789",
                "abcdef01-2345-6789-abcd-ef012345678", "abcdef01-2345-6789-abcd-ef01234567890",
                "{abcdef01-2345-6789-abcd-ef0123456789}", "abcdef01-2345-6789-abcd-ef012345678g",
                " abcdef01-2345-6789-abcd-ef0123456789", "abcdef01-2345-6789-abcd-ef0123456789\n",
                "abcdef0-12345-6789-abcd-ef0123456789", "\uff10bcdef01-2345-6789-abcd-ef0123456789")) {
            assertThatThrownBy(() -> Inputs.uuid("thread_id", value))
                    .as("'%s'", value)
                    .isInstanceOfSatisfying(ApiException.class, e -> {
                        assertThat(e.status()).isEqualTo(400);
                        assertThat(e.getMessage()).contains("thread_id");
                    });
        }
    }

    @Test
    void missingUuidIs400() {
        assertThatThrownBy(() -> Inputs.uuid("id", null))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.getMessage()).contains("missing"));
    }

    @Test
    void blobRoundTripsEveryLengthMod3() {
        Random random = new Random(7);
        for (int length = 1; length <= 70; length++) {
            byte[] bytes = new byte[length];
            random.nextBytes(bytes);
            String text = Base64.getEncoder().encodeToString(bytes);

            assertThat(Inputs.blob("ciphertext", text, 100)).as("length %d", length).isEqualTo(bytes);
        }
    }

    @Test
    void blobRejectsNonCanonicalText() {
        for (String value : List.of("", "A", "AQ", "AQI", "AQ=", "QR==", "QUF=", "====", "A===",
                "AQID====", "AQ==AQ==", "-_8=", "+/8_", "AQ I", " AQID", "AQID\n", "AQ=D", "\u00e9AAA")) {
            assertThatThrownBy(() -> Inputs.blob("ciphertext", value, 100))
                    .as("'%s'", value)
                    .isInstanceOfSatisfying(ApiException.class, e -> {
                        assertThat(e.status()).isEqualTo(400);
                        assertThat(e.getMessage()).contains("ciphertext");
                    });
        }
    }

    @Test
    void blobOverMaxIs413AndMaxIsAccepted() {
        String atMax = Base64.getEncoder().encodeToString(new byte[10]);
        String overMax = Base64.getEncoder().encodeToString(new byte[11]);
        String farOver = Base64.getEncoder().encodeToString(new byte[1000]);

        assertThat(Inputs.blob("ciphertext", atMax, 10)).hasSize(10);
        for (String value : List.of(overMax, farOver)) {
            assertThatThrownBy(() -> Inputs.blob("ciphertext", value, 10))
                    .isInstanceOfSatisfying(ApiException.class, e -> {
                        assertThat(e.status()).isEqualTo(413);
                        assertThat(e.code()).isEqualTo("payload_too_large");
                    });
        }
    }

    @Test
    void ivOver64BytesIs400() {
        assertThat(Inputs.iv("AA==")).hasSize(1);
        assertThat(Inputs.iv(Base64.getEncoder().encodeToString(new byte[64]))).hasSize(64);

        for (int length : new int[] {65, 66, 1000}) {
            String value = Base64.getEncoder().encodeToString(new byte[length]);
            assertThatThrownBy(() -> Inputs.iv(value))
                    .as("%d bytes", length)
                    .isInstanceOfSatisfying(ApiException.class, e -> {
                        assertThat(e.status()).isEqualTo(400);
                        assertThat(e.getMessage()).contains("iv").contains("64");
                    });
        }
    }

    @Test
    void instantNeedsOffset() {
        assertThat(Inputs.instant("after", "2026-01-02T03:04:05.123456Z"))
                .isEqualTo(Instant.parse("2026-01-02T03:04:05.123456Z"));
        assertThat(Inputs.instant("after", "2026-01-02T05:04:05+02:00"))
                .isEqualTo(Instant.parse("2026-01-02T03:04:05Z"));

        for (String value : List.of("2026-01-02", "2026-01-02T03:04:05", "yesterday", "", "1767322800")) {
            assertThatThrownBy(() -> Inputs.instant("after", value))
                    .as("'%s'", value)
                    .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(400));
        }
    }

    @Test
    void instantIsCutToMicroseconds() {
        assertThat(Inputs.instant("after", "2026-01-02T03:04:05.123456999Z"))
                .isEqualTo(Instant.parse("2026-01-02T03:04:05.123456Z"));
    }

    @Test
    void instantOutsideYears1To9999Is400() {
        assertThat(Inputs.instant("after", "0001-01-01T00:00:00Z")).isEqualTo(Instant.parse("0001-01-01T00:00:00Z"));
        assertThat(Inputs.instant("after", "9999-12-31T23:59:59.999999Z")).isNotNull();

        for (String value : List.of("+10000-01-01T00:00:00Z", "0000-12-31T23:59:59Z", "-0001-01-01T00:00:00Z",
                "+999999999-12-31T23:59:59Z", "0001-01-01T00:00:00+01:00")) {
            assertThatThrownBy(() -> Inputs.instant("after", value))
                    .as("'%s'", value)
                    .isInstanceOfSatisfying(ApiException.class, e -> {
                        assertThat(e.status()).isEqualTo(400);
                        assertThat(e.getMessage()).contains("after");
                    });
        }
    }

    @Test
    void intInRangeChecksBoundsAndFallsBack() {
        assertThat(Inputs.intInRange("limit", null, 1, 200, 50)).isEqualTo(50);
        assertThat(Inputs.intInRange("limit", "1", 1, 200, 50)).isEqualTo(1);
        assertThat(Inputs.intInRange("limit", "200", 1, 200, 50)).isEqualTo(200);

        for (String value : List.of("0", "201", "-1", "", "abc", "1.0", " 5", "99999999999")) {
            assertThatThrownBy(() -> Inputs.intInRange("limit", value, 1, 200, 50))
                    .as("'%s'", value)
                    .isInstanceOfSatisfying(ApiException.class, e -> {
                        assertThat(e.status()).isEqualTo(400);
                        assertThat(e.getMessage()).contains("limit");
                    });
        }
    }
}
