package dev.hush.config;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/** Token signing settings; HS256 is the only algorithm accepted. */
public record JwtSettings(
        @NotNull Secret secret,
        @NotNull String algorithm,
        @Min(1) @Max(10_080) int expireMinutes) {

    public JwtSettings {
        if (secret != null) {
            SettingChecks.jwtSecret(secret.reveal());
        }
        if (algorithm == null) {
            algorithm = "HS256";
        }
        SettingChecks.jwtAlgorithm(algorithm);
        if (expireMinutes == 0) {
            expireMinutes = 60;
        }
    }
}
