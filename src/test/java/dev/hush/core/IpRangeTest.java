package dev.hush.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
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

    @Test
    void ipv4RangeContainsItsAddresses() {
        IpRange range = IpRange.parse("10.0.0.0/8");

        assertThat(range.contains(address("10.0.0.1"))).isTrue();
        assertThat(range.contains(address("10.255.255.255"))).isTrue();
        assertThat(range.contains(address("11.0.0.0"))).isFalse();
        assertThat(range.contains(address("::1"))).isFalse();
    }

    @Test
    void hostBitsAreMasked() {
        assertThat(IpRange.parse("192.168.1.77/24")).isEqualTo(IpRange.parse("192.168.1.0/24"));
        assertThat(IpRange.parse("192.168.1.77/24").toString()).isEqualTo("192.168.1.0/24");
    }

    @Test
    void bareAddressIsSingleHost() {
        IpRange v4 = IpRange.parse("203.0.113.9");
        IpRange v6 = IpRange.parse("::1");

        assertThat(v4.prefixLength()).isEqualTo(32);
        assertThat(v6.prefixLength()).isEqualTo(128);
        assertThat(v4.contains(address("203.0.113.9"))).isTrue();
        assertThat(v4.contains(address("203.0.113.10"))).isFalse();
    }

    @Test
    void ipv6RangeContainsItsAddresses() {
        IpRange uniqueLocal = IpRange.parse("fc00::/7");

        assertThat(uniqueLocal.contains(address("fd12:3456::1"))).isTrue();
        assertThat(uniqueLocal.contains(address("fe80::1"))).isFalse();
        assertThat(IpRange.parse("2001:DB8::/32").contains(address("2001:db8:ffff::1"))).isTrue();
    }

    @Test
    void zeroPrefixContainsEverythingOfItsFamily() {
        assertThat(IpRange.parse("0.0.0.0/0").contains(address("255.1.2.3"))).isTrue();
        assertThat(IpRange.parse("::/0").contains(address("2001:db8::1"))).isTrue();
    }

    @Test
    void mappedIpv6IsTreatedAsIpv4() {
        assertThat(IpRange.parseLiteral("::ffff:10.1.2.3")).hasValueSatisfying(
                bytes -> assertThat(bytes).hasSize(4));
        assertThat(IpRange.parse("10.0.0.0/8").contains(address("::ffff:10.1.2.3"))).isTrue();
    }

    @Test
    void parseListSkipsBlanksAndTrims() {
        assertThat(IpRange.parseList(" 10.0.0.0/8 , ,::1/128,")).containsExactly(
                IpRange.parse("10.0.0.0/8"), IpRange.parse("::1"));
        assertThat(IpRange.parseList("")).isEmpty();
        assertThat(IpRange.parseList(null)).isEmpty();
    }

    @Test
    void invalidRangesAreRejected() {
        for (String value : List.of("10.0.0.0/33", "::/129", "10.0.0.0/-1", "10.0.0.0/x", "10.0.0/8",
                "256.0.0.1", "localhost", "example.org/24", "10.0.0.0/8/8", "1.2.3.4.5", "", "/8",
                "01.2.3.4444")) {
            assertThatThrownBy(() -> IpRange.parse(value)).as("'%s'", value)
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void literalParsingNeverResolvesHostNames() {
        for (String value : List.of("localhost", "example.org", "1", "123", "0x7f.1", "1.2.3", "")) {
            assertThat(IpRange.parseLiteral(value)).as("'%s'", value).isEmpty();
        }
    }

    @Test
    void literalParsingAcceptsBracketsAndZones() {
        assertThat(IpRange.parseLiteral("[2001:db8::1]")).isPresent();
        assertThat(IpRange.parseLiteral("fe80::1%eth0")).isPresent();
    }

    private static byte[] address(String literal) {
        return IpRange.parseLiteral(literal).orElseThrow();
    }
}
