package dev.hush.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class SettingChecksTest {
    @Test
    void authHashDecodes32Bytes() {
        byte[] digest = new byte[32];
        digest[0] = 7;

        assertThat(SettingChecks.authHash(Base64.getEncoder().encodeToString(digest))).isEqualTo(digest);
        assertThat(SettingChecks.authHash(" " + Base64.getEncoder().encodeToString(digest) + "\n")).isEqualTo(digest);
    }

    @Test
    void badAuthHashIsRejected() {
        for (String value : List.of("", "abc", Base64.getEncoder().encodeToString(new byte[31]),
                Base64.getEncoder().encodeToString(new byte[33]),
                Base64.getUrlEncoder().encodeToString(new byte[] {-5, -1, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11,
                    12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29}))) {
            assertThatThrownBy(() -> SettingChecks.authHash(value))
                    .as("'%s'", value)
                    .isInstanceOfSatisfying(InvalidSettingException.class,
                            e -> assertThat(e.variable()).isEqualTo("AUTH_HASH"));
        }
    }

    @Test
    void kdfSaltNeedsEightBytes() {
        SettingChecks.kdfSalt(Base64.getEncoder().encodeToString(new byte[8]));

        assertThatThrownBy(() -> SettingChecks.kdfSalt(Base64.getEncoder().encodeToString(new byte[7])))
                .isInstanceOf(InvalidSettingException.class).hasMessageStartingWith("KDF_SALT");
        assertThatThrownBy(() -> SettingChecks.kdfSalt("!!!"))
                .isInstanceOf(InvalidSettingException.class).hasMessageStartingWith("KDF_SALT");
    }

    @Test
    void jwtSecretCountsUtf8Bytes() {
        SettingChecks.jwtSecret("s".repeat(32));
        SettingChecks.jwtSecret("\u00e9".repeat(16));

        assertThatThrownBy(() -> SettingChecks.jwtSecret("s".repeat(31)))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessage("JWT_SECRET must be at least 32 bytes long");
    }

    @Test
    void onlyHs256IsAccepted() {
        SettingChecks.jwtAlgorithm("HS256");
        SettingChecks.jwtAlgorithm(" HS256 ");

        for (String value : List.of("none", "hs256", "HS512", "RS256", "")) {
            assertThatThrownBy(() -> SettingChecks.jwtAlgorithm(value)).as(value)
                    .isInstanceOf(InvalidSettingException.class).hasMessageStartingWith("JWT_ALGORITHM");
        }
    }

    @Test
    void integerChecksRangeAndFormat() {
        assertThat(SettingChecks.integer("MAX_AUTH_FAILURES", " 5 ", 1, 100)).isEqualTo(5);
        assertThat(SettingChecks.integer("MAX_AUTH_FAILURES", "100", 1, 100)).isEqualTo(100);

        for (String value : List.of("0", "101", "five", "", "5.0", "99999999999")) {
            assertThatThrownBy(() -> SettingChecks.integer("MAX_AUTH_FAILURES", value, 1, 100)).as(value)
                    .isInstanceOf(InvalidSettingException.class).hasMessageStartingWith("MAX_AUTH_FAILURES");
        }
    }

    @Test
    void boolAcceptsTrueAndFalseOnly() {
        assertThat(SettingChecks.bool("PANIC_MODE", "TRUE")).isTrue();
        assertThat(SettingChecks.bool("PANIC_MODE", " false")).isFalse();

        for (String value : List.of("yes", "1", "", "on")) {
            assertThatThrownBy(() -> SettingChecks.bool("PANIC_MODE", value)).as(value)
                    .isInstanceOf(InvalidSettingException.class).hasMessageStartingWith("PANIC_MODE");
        }
    }

    @Test
    void originMustBeBare() {
        for (String value : List.of("https://chat.example.org", "http://localhost:5173", "https://[::1]:8443")) {
            assertThat(SettingChecks.origin(value)).isEqualTo(value);
        }
        for (String value : List.of("https://chat.example.org/", "https://chat.example.org/app",
                "chat.example.org", "ftp://chat.example.org", "https://u:p@chat.example.org",
                "https://chat.example.org?x=1", "https://chat.example.org#top", "*", "")) {
            assertThatThrownBy(() -> SettingChecks.origin(value)).as("'%s'", value)
                    .isInstanceOf(InvalidSettingException.class).hasMessageStartingWith("FRONTEND_URL");
        }
    }

    @Test
    void trustedProxiesAcceptsCidrListsAndEmpty() {
        SettingChecks.trustedProxies("");
        SettingChecks.trustedProxies("10.0.0.0/8, ::1/128");

        assertThatThrownBy(() -> SettingChecks.trustedProxies("10.0.0.0/8,proxy.example.org"))
                .isInstanceOf(InvalidSettingException.class).hasMessageStartingWith("TRUSTED_PROXIES");
    }

    @Test
    void notBlankRejectsWhitespace() {
        assertThatThrownBy(() -> SettingChecks.notBlank("BACKEND_HOST", "  "))
                .isInstanceOf(InvalidSettingException.class).hasMessageStartingWith("BACKEND_HOST");
    }
}
