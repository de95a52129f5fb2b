package dev.hush.resources;

import dev.hush.api.MessageCount;
import dev.hush.api.MessageRequest;
import dev.hush.api.MessageView;
import dev.hush.auth.VaultSession;
import dev.hush.core.Inputs;
import dev.hush.core.MessageService;
import dev.hush.db.MessageRow;
import dev.hush.errors.ApiException;
import io.dropwizard.auth.Auth;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.UUID;

/** Stores and pages encrypted messages. Every method needs a valid bearer token. */
@Path("/api/messages")
@Produces(MediaType.APPLICATION_JSON)
public final class MessageResource {
    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 200;

    private final MessageService messages;
    private final int maxCiphertextBytes;

    public MessageResource(MessageService messages, int maxCiphertextBytes) {
        this.messages = messages;
        this.maxCiphertextBytes = maxCiphertextBytes;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response post(@Auth VaultSession session, MessageRequest request) {
        if (request == null) {
            throw ApiException.badRequest("request body is required");
        }
        UUID threadId = Inputs.uuid("thread_id", request.threadId());
        byte[] ciphertext = Inputs.blob("ciphertext", request.ciphertext(), maxCiphertextBytes);
        byte[] iv = Inputs.iv(request.iv());

        MessageRow stored = messages.store(threadId, ciphertext, iv);

        return Response.status(Response.Status.CREATED).entity(MessageView.of(stored)).build();
    }

    /**
     * Pages a thread. With {@code after}, the messages created after it, oldest first; without,
     * the newest {@code limit}, oldest first. An unknown thread has no messages.
     */
    @GET
    @Path("/{threadId}")
    public List<MessageView> list(@Auth VaultSession session, @PathParam("threadId") String threadId,
            @QueryParam("after") String after, @QueryParam("limit") String limit) {
        UUID id = Inputs.uuid("thread_id", threadId);
        int pageSize = Inputs.intInRange("limit", limit, 1, MAX_LIMIT, DEFAULT_LIMIT);

        List<MessageRow> rows = after == null
                ? messages.findNewest(id, pageSize)
                : messages.findAfter(id, Inputs.instant("after", after), pageSize);

        return rows.stream().map(MessageView::of).toList();
    }

    @GET
    @Path("/{threadId}/count")
    public MessageCount count(@Auth VaultSession session, @PathParam("threadId") String threadId) {
        UUID id = Inputs.uuid("thread_id", threadId);

        return new MessageCount(id.toString(), messages.count(id));
    }
}
