package dev.hush.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hush.HushApplication;
import dev.hush.config.HushConfiguration;
import dev.hush.testing.ApiClient;
import dev.hush.testing.LiveClient;
import dev.hush.testing.TestDatabase;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.DropwizardTestSupport;
import io.dropwizard.testing.ResourceHelpers;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LiveShutdownIT {
    @Test
    void shutdownClosesSocketsWith1001() throws Exception {
        DropwizardTestSupport<HushConfiguration> app = new DropwizardTestSupport<>(
                HushApplication.class, ResourceHelpers.resourceFilePath("test-config.yml"),
                ConfigOverride.config("databaseUrl", TestDatabase.get().jdbcUrl()));
        app.before();
        LiveClient socket;
        try {
            ApiClient client = new ApiClient("http://127.0.0.1:" + app.getLocalPort());
            socket = LiveClient.connect(client.baseUrl(), client.unlock());
            socket.send(Map.of("type", "ping"));
            socket.next("pong");
        } finally {
            app.after();
        }

        assertThat(socket.awaitCloseCode()).isEqualTo(1001);
        socket.close();
    }
}
