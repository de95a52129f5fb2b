package dev.hush.auth;

import java.security.Principal;
import java.time.Instant;

/**
 * An unlocked session, proven by a valid access token; the vault has no user identities.
 * {@code wipeGeneration} is the wipe generation the token was issued in, and a later wipe ends
 * the session.
 */
public record VaultSession(String tokenId, Instant expiresAt, long wipeGeneration) implements Principal {
    @Override
    public String getName() {
        return "vault-session";
    }
}
