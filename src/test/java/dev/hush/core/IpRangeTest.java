package dev.hush.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class IpRangeTest {
    @Test
    void formatsIpv6LikePostgresHost() {
        assertThat(IpRange.canonical("2001:0db8:0000:0000:0000:0000:0000:0001")).hasValue("2001:db8::1");
        assertThat(IpRange.canonical("0:0:0:0:0:0:0:1")).hasValue("::1");
        assertThat(IpRange.canonical("0:0:0:0:0:0:0:0")).hasValue("::");
        assertThat(IpRange.canonical("2001:db8:0:1:0:0:0:1")).hasValue("2001:db8:0:1::1");
        assertThat(IpRange.canonical("2001:db8:0:0:1:0:0:1")).hasValue("2001:db8::1:0:0:1");
        assertThat(IpRange.canonical("2001:db8:1:1:1:1:0:1")).hasValue("2001:db8:1:1:1:1:0:1");
        assertThat(IpRange.canonical("FE80::ABCD")).hasValue("fe80::abcd");
        assertThat(IpRange.canonical("1:0:0:0:0:0:0:0")).hasValue("1::");
    }

    @Test
    void formatsIpv4() {
        assertThat(IpRange.canonical("203.0.113.255")).hasValue("203.0.113.255");
        assertThat(IpRange.canonical("::ffff:203.0.113.9")).hasValue("203.0.113.9");
    }

    @Test
    void rejectsNonLiterals() {
        assertThat(IpRange.canonical("localhost")).isEmpty();
        assertThat(IpRange.canonical("1.2.3")).isEmpty();
        assertThat(IpRange.canonical("1.2.3.256")).isEmpty();
        assertThat(IpRange.canonical("")).isEmpty();
    }

    @Test
    void containsChecksPrefix() {
        IpRange range = IpRange.parse("10.0.0.0/8");

        assertThat(range.contains(IpRange.parseLiteral("10.200.1.1").orElseThrow())).isTrue();
        assertThat(range.contains(IpRange.parseLiteral("11.0.0.1").orElseThrow())).isFalse();
        assertThat(range.contains(IpRange.parseLiteral("::ffff:10.0.0.1").orElseThrow())).isTrue();
        assertThat(IpRange.parse("fc00::/7").contains(IpRange.parseLiteral("fd12::1").orElseThrow())).isTrue();
    }

    @Test
    void rejectsBadPrefix() {
        assertThatThrownBy(() -> IpRange.parse("10.0.0.0/33")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> IpRange.parse("10.0.0.0/x")).isInstanceOf(IllegalArgumentException.class);
    }
}
