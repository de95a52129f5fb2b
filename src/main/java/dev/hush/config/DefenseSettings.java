package dev.hush.config;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.hush.core.IpRange;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.List;

/** Failed-unlock policy settings and the proxies trusted to report a client's address. */
public record DefenseSettings(
        @Min(1) @Max(100) int maxAuthFailures,
        @NotNull FailureMode failureMode,
        @Min(1) @Max(525_600) int ipBlockMinutes,
        boolean panicMode,
        @NotNull String trustedProxies) {

    public static final String DEFAULT_TRUSTED_PROXIES =
            "127.0.0.0/8,::1/128,10.0.0.0/8,172.16.0.0/12,192.168.0.0/16,fc00::/7";

    public DefenseSettings {
        if (trustedProxies == null) {
            trustedProxies = DEFAULT_TRUSTED_PROXIES;
        }
        SettingChecks.trustedProxies(trustedProxies);
    }

    public static DefenseSettings defaults() {
        return new DefenseSettings(5, FailureMode.IP_TEMP, 60, false, DEFAULT_TRUSTED_PROXIES);
    }

    @JsonIgnore
    public List<IpRange> trustedProxyRanges() {
        return IpRange.parseList(trustedProxies);
    }

    @JsonIgnore
    public Duration ipBlockDuration() {
        return Duration.ofMinutes(ipBlockMinutes);
    }
}
