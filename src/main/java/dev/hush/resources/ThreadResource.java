package dev.hush.resources;

import dev.hush.api.ThreadQuery;
import dev.hush.api.ThreadRequest;
import dev.hush.api.ThreadView;
import dev.hush.auth.VaultSession;
import dev.hush.core.Inputs;
import dev.hush.core.ThreadService;
import dev.hush.errors.ApiException;
import io.dropwizard.auth.Auth;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Creates and reads encrypted threads. Every method needs a valid bearer token. */
@Path("/api/threads")
@Produces(MediaType.APPLICATION_JSON)
public final class ThreadResource {
    static final int MAX_QUERY_IDS = 100;

    private final ThreadService threads;
    private final int maxCiphertextBytes;

    public ThreadResource(ThreadService threads, int maxCiphertextBytes) {
        this.threads = threads;
        this.maxCiphertextBytes = maxCiphertextBytes;
    }

    /** Creates a thread: 201 when new, 200 with the stored thread when the id already exists. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(@Auth VaultSession session, ThreadRequest request) {
        if (request == null) {
            throw ApiException.badRequest("request body is required");
        }
        UUID id = Inputs.uuid("id", request.id());
        byte[] ciphertext = Inputs.blob("ciphertext", request.ciphertext(), maxCiphertextBytes);
        byte[] iv = Inputs.iv(request.iv());

        ThreadService.Created result = threads.create(id, ciphertext, iv);

        Response.Status status = result.created() ? Response.Status.CREATED : Response.Status.OK;
        return Response.status(status).entity(ThreadView.of(result.thread())).build();
    }

    /** Returns the threads among the requested ids that exist, newest first. */
    @POST
    @Path("/query")
    @Consumes(MediaType.APPLICATION_JSON)
    public List<ThreadView> query(@Auth VaultSession session, ThreadQuery query) {
        if (query == null || query.threadIds() == null) {
            throw ApiException.badRequest("missing field 'thread_ids'");
        }
        if (query.threadIds().size() > MAX_QUERY_IDS) {
            throw ApiException.badRequest("'thread_ids' may hold at most " + MAX_QUERY_IDS + " ids");
        }
        List<UUID> ids = new ArrayList<>();
        for (String id : query.threadIds()) {
            ids.add(Inputs.uuid("thread_ids[]", id));
        }

        return threads.findAll(ids).stream().map(ThreadView::of).toList();
    }

    @GET
    @Path("/{id}")
    public ThreadView get(@Auth VaultSession session, @PathParam("id") String id) {
        UUID threadId = Inputs.uuid("id", id);

        return threads.find(threadId).map(ThreadView::of)
                .orElseThrow(() -> new ApiException(404, "thread_not_found", "No thread exists with that id"));
    }
}
