package dev.hush.auth;

import java.security.Principal;
import java.time.Instant;

/** An unlocked session, proven by a valid access token; the vault has no user identities. */
public record VaultSession(String tokenId, Instant expiresAt) implements Principal {
    @Override
    public String getName() {
        return "vault-session";
    }
}
