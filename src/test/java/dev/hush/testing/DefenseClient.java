package dev.hush.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hush.config.HushConfiguration;
import dev.hush.testing.ApiClient.Result;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;

/**
 * Sends unlock attempts as a chosen client IP (through X-Forwarded-For, for apps that trust
 * 127.0.0.1), runs admin tasks and reads metrics and security tables.
 */
public final class DefenseClient {
    public static final String WRONG_WORDS =
            "zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo wrong";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ApiClient api;
    private final ApiClient admin;

    public DefenseClient(int port, int adminPort) {
        this.api = new ApiClient("http://127.0.0.1:" + port);
        this.admin = new ApiClient("http://127.0.0.1:" + adminPort);
    }

    public static DefenseClient of(DropwizardAppExtension<HushConfiguration> app) {
        return new DefenseClient(app.getLocalPort(), app.getAdminPort());
    }

    public ApiClient api() {
        return api;
    }

    public Result unlock(String words, String forwardedFor) {
        HttpRequest.Builder request = api.request("/api/auth", null)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(ApiClient.toJson(Map.of("words", words))));
        if (forwardedFor != null) {
            request.header("X-Forwarded-For", forwardedFor);
        }
        return api.send(request);
    }

    public Result wrongUnlock(String forwardedFor) {
        return unlock(WRONG_WORDS, forwardedFor);
    }

    public Result rightUnlock(String forwardedFor) {
        return unlock(TestApp.WORDS, forwardedFor);
    }

    public Result get(String path, String forwardedFor) {
        HttpRequest.Builder request = api.request(path, null).GET();
        if (forwardedFor != null) {
            request.header("X-Forwarded-For", forwardedFor);
        }
        return api.send(request);
    }

    /** Runs an admin task, such as {@code wipe?confirm=yes}, and returns its printed output. */
    public Result task(String nameAndQuery) {
        return admin.postRaw("/tasks/" + nameAndQuery, "", null, null);
    }

    public long counter(String name) {
        try {
            JsonNode metrics = JSON.readTree(admin.get("/metrics", null).text());
            return metrics.path("counters").path(name).path("count").asLong();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static long rows(String table) {
        return queryLong("SELECT count(*) FROM " + table);
    }

    public static long failureCount(String ip) {
        return queryLong("SELECT coalesce(sum(failure_count), 0) FROM auth_failures WHERE ip_address = '"
                + ip + "'::inet");
    }

    public static long queryLong(String sql) {
        try (Connection connection = TestDatabase.get().connect();
                PreparedStatement statement = connection.prepareStatement(sql);
                ResultSet rows = statement.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
