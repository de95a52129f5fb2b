package dev.hush.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hush.core.IpRange;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClientIpResolverTest {
    private static final ClientIpResolver NO_PROXIES = new ClientIpResolver(List.of());
    private static final ClientIpResolver BEHIND_PROXY =
            new ClientIpResolver(IpRange.parseList("127.0.0.1/32,10.0.0.0/8,::1/128"));

    private static Enumeration<String> headers(String... values) {
        return Collections.enumeration(List.of(values));
    }

    @Test
    void untrustedPeerIgnoresForwardedFor() {
        assertThat(NO_PROXIES.resolve("198.51.100.7", headers("1.2.3.4"))).isEqualTo("198.51.100.7");
        assertThat(BEHIND_PROXY.resolve("198.51.100.7", headers("1.2.3.4"))).isEqualTo("198.51.100.7");
    }

    @Test
    void trustedPeerUsesRightMostEntry() {
        assertThat(BEHIND_PROXY.resolve("127.0.0.1", headers("1.2.3.4, 203.0.113.9")))
                .isEqualTo("203.0.113.9");
    }

    @Test
    void trustedHopsInHeaderAreSkipped() {
        assertThat(BEHIND_PROXY.resolve("127.0.0.1", headers("1.2.3.4, 203.0.113.9, 10.1.2.3")))
                .isEqualTo("203.0.113.9");
    }

    @Test
    void repeatedHeadersReadInOrder() {
        assertThat(BEHIND_PROXY.resolve("127.0.0.1", headers("1.2.3.4", "203.0.113.9")))
                .isEqualTo("203.0.113.9");
    }

    @Test
    void trustedPeerWithoutHeaderIsTheClient() {
        assertThat(BEHIND_PROXY.resolve("127.0.0.1", headers())).isEqualTo("127.0.0.1");
        assertThat(BEHIND_PROXY.resolve("127.0.0.1", null)).isEqualTo("127.0.0.1");
    }

    @Test
    void allTrustedChainGivesLeftMost() {
        assertThat(BEHIND_PROXY.resolve("127.0.0.1", headers("10.0.0.5, 10.0.0.6"))).isEqualTo("10.0.0.5");
    }

    @Test
    void garbageEntryStopsAtLastTrustedHop() {
        assertThat(BEHIND_PROXY.resolve("127.0.0.1", headers("1.2.3.4, not-an-ip"))).isEqualTo("127.0.0.1");
        assertThat(BEHIND_PROXY.resolve("127.0.0.1", headers("1.2.3.4, evil.example, 10.0.0.5")))
                .isEqualTo("10.0.0.5");
        assertThat(BEHIND_PROXY.resolve("127.0.0.1", headers(""))).isEqualTo("127.0.0.1");
    }

    @Test
    void hostNamesAreNeverLookedUp() {
        assertThat(BEHIND_PROXY.resolve("127.0.0.1", headers("localhost"))).isEqualTo("127.0.0.1");
    }

    @Test
    void portsAreStripped() {
        assertThat(BEHIND_PROXY.resolve("127.0.0.1", headers("203.0.113.9:5678"))).isEqualTo("203.0.113.9");
        assertThat(BEHIND_PROXY.resolve("127.0.0.1", headers("[2001:db8::1]:443"))).isEqualTo("2001:db8::1");
    }

    @Test
    void ipv6WrittenTwoWaysIsOneClient() {
        String shortForm = NO_PROXIES.resolve("2001:db8::1", null);
        String longForm = NO_PROXIES.resolve("2001:0DB8:0000:0000:0000:0000:0000:0001", null);
        String bracketed = NO_PROXIES.resolve("[2001:db8:0:0::1]", null);

        assertThat(shortForm).isEqualTo("2001:db8::1");
        assertThat(longForm).isEqualTo(shortForm);
        assertThat(bracketed).isEqualTo(shortForm);
    }

    @Test
    void ipv6PeerAndHeaderAreCanonical() {
        assertThat(BEHIND_PROXY.resolve("[0:0:0:0:0:0:0:1]", headers("2001:DB8::0:1")))
                .isEqualTo("2001:db8::1");
        assertThat(BEHIND_PROXY.resolve("::1", headers("1.2.3.4, ::1"))).isEqualTo("1.2.3.4");
    }

    @Test
    void ipv4MappedIpv6IsIpv4() {
        assertThat(NO_PROXIES.resolve("::ffff:198.51.100.7", null)).isEqualTo("198.51.100.7");
        assertThat(BEHIND_PROXY.resolve("::ffff:127.0.0.1", headers("203.0.113.9"))).isEqualTo("203.0.113.9");
    }

    @Test
    void zoneIdIsDropped() {
        assertThat(NO_PROXIES.resolve("fe80::1%eth0", null)).isEqualTo("fe80::1");
    }
}
