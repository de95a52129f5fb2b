package dev.hush.resources;

import dev.hush.api.SaltResponse;
import dev.hush.api.UnlockRequest;
import dev.hush.api.UnlockResponse;
import dev.hush.core.UnlockOutcome;
import dev.hush.core.UnlockService;
import dev.hush.errors.ApiException;
import dev.hush.errors.DefenseErrors;
import dev.hush.http.ClientIpResolver;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;

/** Unlocks the vault with its 12 words and hands out the clients' key-derivation salt. */
@Path("/api/auth")
@Produces(MediaType.APPLICATION_JSON)
public final class AuthResource {
    static final int MIN_WORDS_LENGTH = 20;
    static final int MAX_WORDS_LENGTH = 500;

    private final UnlockService unlocks;
    private final ClientIpResolver clientIps;
    private final String kdfSalt;

    public AuthResource(UnlockService unlocks, ClientIpResolver clientIps, String kdfSalt) {
        this.unlocks = unlocks;
        this.clientIps = clientIps;
        this.kdfSalt = kdfSalt;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public UnlockResponse unlock(UnlockRequest request, @Context HttpServletRequest http) {
        String words = validWords(request);

        UnlockOutcome outcome = unlocks.unlock(words, clientIps.resolve(http));

        if (outcome instanceof UnlockOutcome.Granted granted) {
            return new UnlockResponse(granted.token().value(), kdfSalt, granted.token().expiresInSeconds());
        }
        if (outcome instanceof UnlockOutcome.Rejected rejected) {
            throw new ApiException(401, "invalid_credentials", "The words do not unlock this vault",
                    Map.of("remaining_attempts", rejected.remainingAttempts()));
        }
        throw ipBlocked((UnlockOutcome.Blocked) outcome);
    }

    @GET
    @Path("/salt")
    public SaltResponse salt() {
        return new SaltResponse(kdfSalt);
    }

    /** Builds the 403 a blocked client gets from every {@code /api} request. */
    public static ApiException ipBlocked(UnlockOutcome.Blocked blocked) {
        return DefenseErrors.ipBlocked(blocked.expiresAt());
    }

    private static String validWords(UnlockRequest request) {
        if (request == null || request.words() == null) {
            throw ApiException.badRequest("missing field 'words'");
        }
        int length = request.words().length();
        if (length < MIN_WORDS_LENGTH || length > MAX_WORDS_LENGTH) {
            throw ApiException.badRequest(
                    "'words' must be " + MIN_WORDS_LENGTH + " to " + MAX_WORDS_LENGTH + " characters long");
        }
        return request.words();
    }
}
