package dev.hush.http;

import dev.hush.core.IpRange;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Optional;

/**
 * Finds the client's IP for counting, blocking and rate limiting. The socket's peer is the client
 * unless it is a trusted proxy; then the right-most X-Forwarded-For entry that is not itself a
 * trusted proxy is. A header from an untrusted peer is ignored, so it cannot be forged.
 */
public final class ClientIpResolver {
    private static final String FORWARDED_FOR = "X-Forwarded-For";

    private final List<IpRange> trustedProxies;

    public ClientIpResolver(List<IpRange> trustedProxies) {
        this.trustedProxies = List.copyOf(trustedProxies);
    }

    /** Returns the canonical text of the client's address, such as {@code 203.0.113.9} or {@code 2001:db8::1}. */
    public String resolve(HttpServletRequest request) {
        return resolve(request.getRemoteAddr(), request.getHeaders(FORWARDED_FOR));
    }

    public String resolve(String remoteAddress, Enumeration<String> forwardedHeaders) {
        Optional<byte[]> peer = IpRange.parseLiteral(remoteAddress);
        if (peer.isEmpty()) {
            return remoteAddress;
        }
        String client = IpRange.format(peer.get());
        if (!isTrusted(peer.get()) || forwardedHeaders == null) {
            return client;
        }
        List<String> hops = new ArrayList<>();
        while (forwardedHeaders.hasMoreElements()) {
            for (String hop : forwardedHeaders.nextElement().split(",")) {
                hops.add(hop.trim());
            }
        }
        for (int i = hops.size() - 1; i >= 0; i--) {
            Optional<byte[]> hop = IpRange.parseLiteral(stripPort(hops.get(i)));
            if (hop.isEmpty()) {
                // An unparsable entry was written by someone we cannot vouch for: stop at the last proxy.
                return client;
            }
            client = IpRange.format(hop.get());
            if (!isTrusted(hop.get())) {
                return client;
            }
        }
        return client;
    }

    private boolean isTrusted(byte[] address) {
        for (IpRange range : trustedProxies) {
            if (range.contains(address)) {
                return true;
            }
        }
        return false;
    }

    /** Removes a port from {@code 1.2.3.4:5678} or {@code [2001:db8::1]:443}; bare IPv6 stays whole. */
    private static String stripPort(String hop) {
        if (hop.startsWith("[")) {
            int close = hop.indexOf(']');
            return close > 0 ? hop.substring(1, close) : hop;
        }
        int colon = hop.indexOf(':');
        if (colon > 0 && colon == hop.lastIndexOf(':')) {
            return hop.substring(0, colon);
        }
        return hop;
    }
}
