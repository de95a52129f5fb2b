package dev.hush.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class DatabaseUrlTest {
    @Test
    void jdbcFormPassesThrough() {
        DatabaseUrl url = DatabaseUrl.parse("jdbc:postgresql://db.example.org:5433/hush?user=hush&ssl=true");

        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://db.example.org:5433/hush?user=hush&ssl=true");
        assertThat(url.user()).isEmpty();
        assertThat(url.password()).isEmpty();
    }

    @Test
    void jdbcFormIsTrimmed() {
        assertThat(DatabaseUrl.parse("  jdbc:postgresql://h/db \n").jdbcUrl()).isEqualTo("jdbc:postgresql://h/db");
    }

    @Test
    void libpqFormSplitsUserAndPassword() {
        DatabaseUrl url = DatabaseUrl.parse("postgresql://hush:s3cret@db:5432/hush");

        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://db:5432/hush");
        assertThat(url.user()).contains("hush");
        assertThat(url.password().orElseThrow().reveal()).isEqualTo("s3cret");
    }

    @Test
    void postgresSchemeIsAccepted() {
        DatabaseUrl url = DatabaseUrl.parse("postgres://u@localhost/hush");

        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://localhost/hush");
        assertThat(url.user()).contains("u");
        assertThat(url.password()).isEmpty();
    }

    @Test
    void libpqFormWithoutUserInfo() {
        DatabaseUrl url = DatabaseUrl.parse("postgresql://127.0.0.1:5432/hush_rest");

        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://127.0.0.1:5432/hush_rest");
        assertThat(url.user()).isEmpty();
        assertThat(url.password()).isEmpty();
    }

    @Test
    void ipv6HostKeepsBrackets() {
        DatabaseUrl url = DatabaseUrl.parse("postgresql://u:p@[2001:db8::5]:6432/hush");

        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://[2001:db8::5]:6432/hush");
    }

    @Test
    void ipv6LoopbackWithoutPort() {
        assertThat(DatabaseUrl.parse("postgresql://[::1]/hush").jdbcUrl()).isEqualTo("jdbc:postgresql://[::1]/hush");
    }

    @Test
    void percentEncodedCredentialsAreDecoded() {
        DatabaseUrl url = DatabaseUrl.parse("postgresql://us%40er:p%40ss%3Aw%2Fo%25rd%20x+y@db/hush");

        assertThat(url.user()).contains("us@er");
        assertThat(url.password().orElseThrow().reveal()).isEqualTo("p@ss:w/o%rd x+y");
    }

    @Test
    void emptyPasswordIsKept() {
        DatabaseUrl url = DatabaseUrl.parse("postgresql://hush:@db/hush");

        assertThat(url.user()).contains("hush");
        assertThat(url.password().orElseThrow().reveal()).isEmpty();
    }

    @Test
    void queryParametersAreCarriedOver() {
        DatabaseUrl url = DatabaseUrl.parse("postgresql://u:p@db:5432/hush?sslmode=require&ApplicationName=hush");

        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://db:5432/hush?sslmode=require&ApplicationName=hush");
    }

    @Test
    void missingDatabaseIsRejected() {
        for (String value : List.of("postgresql://u:p@db:5432", "postgresql://u:p@db:5432/",
                "postgresql://db?sslmode=require")) {
            assertThatThrownBy(() -> DatabaseUrl.parse(value))
                    .as(value)
                    .isInstanceOf(InvalidSettingException.class)
                    .hasMessageContaining("DATABASE_URL")
                    .hasMessageContaining("database name");
        }
    }

    @Test
    void garbageIsRejectedWithoutEchoingIt() {
        for (String value : List.of("", "   ", "mysql://u:topsecret@db/hush", "topsecret",
                "postgresql://", "postgresql:///hush", "postgresql://u:top secret@db/hush",
                "postgresql://u:topsecret@db/hu#sh^", "http://u:topsecret@db/hush",
                "jdbc:mysql://db/topsecret")) {
            assertThatThrownBy(() -> DatabaseUrl.parse(value))
                    .as("'%s'", value)
                    .isInstanceOf(InvalidSettingException.class)
                    .hasMessageStartingWith("DATABASE_URL ")
                    .satisfies(e -> assertThat(e.getMessage())
                            .doesNotContain("topsecret").doesNotContain("top secret"));
        }
    }

    @Test
    void nullIsRejected() {
        assertThatThrownBy(() -> DatabaseUrl.parse(null)).isInstanceOf(InvalidSettingException.class);
    }

    @Test
    void toStringHidesPassword() {
        DatabaseUrl libpq = DatabaseUrl.parse("postgresql://hush:topsecret@db/hush");
        DatabaseUrl jdbc = DatabaseUrl.parse("jdbc:postgresql://db/hush?user=hush&password=topsecret&ssl=true");

        assertThat(libpq.toString()).doesNotContain("topsecret").contains("db/hush");
        assertThat(jdbc.toString()).doesNotContain("topsecret").contains("ssl=true");
        assertThat(libpq.password().orElseThrow().toString()).doesNotContain("topsecret");
    }
}
