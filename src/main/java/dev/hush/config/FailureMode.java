package dev.hush.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** The policy applied when one client IP reaches MAX_AUTH_FAILURES failed unlocks. */
public enum FailureMode {
    /** Block the IP for IP_BLOCK_MINUTES. */
    IP_TEMP,
    /** Block the IP until an operator lifts the block. */
    IP_PERM,
    /** Empty every table in one transaction. */
    DB_WIPE,
    /** Empty every table, then stop the process with a non-zero exit code. */
    DB_WIPE_SHUTDOWN;

    @JsonCreator
    public static FailureMode parse(String text) {
        for (FailureMode mode : values()) {
            if (mode.configName().equals(text.trim().toLowerCase(Locale.ROOT))) {
                return mode;
            }
        }
        throw new InvalidSettingException("FAILURE_MODE",
                "must be one of ip_temp, ip_perm, db_wipe, db_wipe_shutdown");
    }

    @JsonValue
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean wipes() {
        return this == DB_WIPE || this == DB_WIPE_SHUTDOWN;
    }
}
