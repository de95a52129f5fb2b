package dev.hush.config;

import com.fasterxml.jackson.annotation.JsonIgnore;
import jakarta.validation.constraints.NotNull;

/** The vault's shared secret as the server keeps it: the words' hash and the clients' KDF salt. */
public record VaultSettings(@NotNull Secret authHash, @NotNull String kdfSalt) {
    public VaultSettings {
        if (authHash != null) {
            SettingChecks.authHash(authHash.reveal());
        }
        if (kdfSalt != null) {
            SettingChecks.kdfSalt(kdfSalt);
        }
    }

    /** Returns the 32-byte SHA-256 digest the normalized words must hash to. */
    @JsonIgnore
    public byte[] authHashBytes() {
        return SettingChecks.authHash(authHash.reveal());
    }
}
