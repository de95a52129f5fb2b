package dev.hush.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/** A configuration value that must never reach a log: {@link #toString()} hides it. */
public final class Secret {
    private final String value;

    @JsonCreator
    public Secret(String value) {
        this.value = Objects.requireNonNull(value, "value");
    }

    /** Returns the secret itself; call only where the value is used, never to print it. */
    public String reveal() {
        return value;
    }

    public byte[] utf8Bytes() {
        return value.getBytes(StandardCharsets.UTF_8);
    }

    public boolean isEmpty() {
        return value.isEmpty();
    }

    @Override
    public String toString() {
        return "[redacted]";
    }
}
