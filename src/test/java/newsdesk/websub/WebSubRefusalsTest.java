package newsdesk.websub;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import newsdesk.testing.LocalSubscriber;
import newsdesk.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Without --allow-private-callbacks the hub never calls loopback or private addresses. */
class WebSubRefusalsTest {
  @TempDir Path dir;

  @Test
  void loopbackAndPrivateCallbacksAreRefusedBeforeAnyRequestIsMade() throws Exception {
    try (var server = TestServer.start(dir); var subscriber = LocalSubscriber.start()) {
      String topic = server.baseUrl() + "/feed.atom";
      for (String cb : new String[] {subscriber.url("/cb"), "http://localhost:" + subscriber.port() + "/cb",
          "http://[::1]:" + subscriber.port() + "/cb", "http://10.0.0.1/cb", "http://169.254.169.254/latest/meta-data"}) {
        String form = "hub.mode=subscribe&hub.topic=" + URLEncoder.encode(topic, StandardCharsets.UTF_8)
            + "&hub.callback=" + URLEncoder.encode(cb, StandardCharsets.UTF_8);
        var res = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/websub"))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(res.statusCode()).as(cb).isEqualTo(400);
        assertThat(res.body()).as(cb).contains("private, loopback or reserved address", "hub.callback");
      }
      assertThat(subscriber.verifications()).isEmpty();
    }
  }
}
