package newsdesk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import newsdesk.testing.Jwts;
import newsdesk.testing.MercurePublisher;
import newsdesk.testing.SmallDisk;
import newsdesk.testing.SqliteFile;
import newsdesk.testing.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store's disk fills up while the newsroom publishes: publishing answers 503 with the
 * {@code /problems/storage-full} problem (never 500), everything acknowledged stays in the log,
 * SQLite finds the file sound, and once space is freed publishing works again without a restart.
 * The data directory is a 16 MiB filesystem the test mounts (a tmpfs, or a loop-mounted ext4):
 * that needs root, which CI has.
 */
class FullDiskTest {
  private static final int MAX_PUBLISHES = 2_000; // 32 KiB each: far more than 16 MiB
  private static final String TOPIC = "https://news.test/live/full-disk";
  private static final String BIG = "x".repeat(32 * 1024);
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;
  private SmallDisk disk;
  private TestServer server;

  @AfterEach
  void unmount() {
    try {
      if (server != null) server.close();
    } finally {
      if (disk != null) disk.close();
    }
  }

  @Test
  void aFullDiskRefusesPublishesWith503LosesNothingAndPublishingResumesOnceSpaceIsFreed() throws Exception {
    var why = new StringBuilder();
    Optional<SmallDisk> mounted = SmallDisk.mount(dir.resolve("disk"), dir, 16, why);
    assumeTrue(mounted.isPresent(), () -> "this test mounts a small filesystem for the data directory, which needs"
        + " root (CAP_SYS_ADMIN); here it could not: " + why);
    disk = mounted.get();
    server = TestServer.start(disk.path(), Map.of("mercure.publisher-key", Jwts.PUBLISHER_KEY));
    var acknowledged = new ArrayList<String>();
    for (int i = 0; i < 5; i++) acknowledged.add(MercurePublisher.publish(server.baseUrl(), TOPIC));

    disk.fill();
    HttpResponse<String> refused = null;
    for (int i = 0; i < MAX_PUBLISHES && refused == null; i++) {
      var res = MercurePublisher.send(server.baseUrl(), TOPIC, BIG).orElseThrow();
      if (res.statusCode() == 200) acknowledged.add(res.body());
      else refused = res;
    }
    assertThat(refused).as("a publish refused within %d on a full disk", MAX_PUBLISHES).isNotNull();
    assertStorageFull(refused);
    // A write that fits in space SQLite already holds may still go through (and is durable); these do not.
    assertStorageFull(MercurePublisher.send(server.baseUrl(), TOPIC, BIG).orElseThrow());
    assertStorageFull(server.editor("POST", "/api/v1/stories", "{\"headline\":\"No room\",\"section\":\"news\","
        + "\"status\":\"published\",\"body\":\"" + BIG.repeat(8) + "\"}"));
    assertThat(server.editor("GET", "/api/v1/stories", null).statusCode()).as("reads go on").isEqualTo(200);

    var store = SqliteFile.in(disk.path());
    assertThat(store.eventIds(TOPIC)).as("the log on a full disk: every acknowledged publish, in order, nothing else")
        .containsExactlyElementsOf(acknowledged);
    assertThat(store.integrityCheck()).as("PRAGMA integrity_check on a full disk").containsExactly("ok");

    disk.free();
    acknowledged.add(MercurePublisher.publish(server.baseUrl(), TOPIC));
    acknowledged.add(MercurePublisher.publish(server.baseUrl(), TOPIC));
    assertThat(server.editor("POST", "/api/v1/stories",
        "{\"headline\":\"Room again\",\"section\":\"news\",\"status\":\"published\"}").statusCode()).isEqualTo(201);

    assertThat(store.eventIds(TOPIC)).as("the log once space is freed").containsExactlyElementsOf(acknowledged);
    assertThat(store.integrityCheck()).as("PRAGMA integrity_check once space is freed").containsExactly("ok");
  }

  private static void assertStorageFull(HttpResponse<String> res) throws Exception {
    assertThat(res.statusCode()).as("a write on a full disk: %s", res.body()).isEqualTo(503);
    assertThat(res.headers().firstValue("Retry-After")).isPresent();
    assertThat(res.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    var problem = JSON.readTree(res.body());
    assertThat(problem.path("type").asText()).isEqualTo("/problems/storage-full");
    assertThat(problem.path("detail").asText()).contains("disk is full");
  }
}
