package dev.hush.resources;

import dev.hush.health.DatabaseProbe;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;

/**
 * Liveness for load balancers and container health checks. The defense filter is mapped to /api
 * and /ws only, so these paths are never blocked, and their bodies contain no secrets.
 */
@Path("/health")
@Produces(MediaType.APPLICATION_JSON)
public final class HealthResource {
    private final DatabaseProbe database;

    public HealthResource(DatabaseProbe database) {
        this.database = database;
    }

    @GET
    public Map<String, String> health() {
        return Map.of("status", "healthy");
    }

    /** Returns 200 when a query succeeds, else 503 with no driver text. */
    @GET
    @Path("/db")
    public Response database() {
        if (database.isReachable()) {
            return Response.ok(Map.of("status", "healthy", "database", "connected")).build();
        }
        return Response.status(Response.Status.SERVICE_UNAVAILABLE)
                .entity(Map.of("status", "unhealthy", "database", "unavailable")).build();
    }
}
