package newsdesk;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import newsdesk.store.FileImageStore;
import newsdesk.store.Image;
import newsdesk.testing.MercurePublisher;
import newsdesk.testing.NodeProcess;
import newsdesk.testing.NodeProcess.CommandResult;
import newsdesk.testing.SqliteFile;
import newsdesk.testing.SteadyPublisher;
import newsdesk.testing.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code newsdesk backup FILE} beside a server (its own process) under a steady publish load, then
 * {@code newsdesk restore FILE}: refused while the server runs, done once it is stopped. The
 * restored store holds every publish acknowledged before the backup began, in order, is sound,
 * keeps the Web Push key pair, and serves.
 */
class BackupRestoreTest {
  private static final Duration GAP = Duration.ofMillis(10);
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final String TOPIC = "https://news.test/live/backup";

  @TempDir Path dir;
  private NodeProcess node;
  private SteadyPublisher publisher;

  @AfterEach
  void stop() {
    if (publisher != null) publisher.close();
    if (node != null) node.kill();
  }

  @Test
  void aBackupTakenUnderLoadRestoresEveryEventAcknowledgedBeforeItAndServes() throws Exception {
    Path data = dir.resolve("data");
    Path backup = dir.resolve("backups").resolve("newsdesk-backup.db");
    var flags = new ArrayList<>(MercurePublisher.NODE_FLAGS);
    flags.add("--no-sample-content");
    node = NodeProcess.start(data, null, flags);
    String key = get(node.baseUrl() + "/push/key");
    publisher = SteadyPublisher.start(List.of(node), TOPIC, GAP);
    publisher.awaitMoreAcknowledged(100, WAIT);

    // An uploaded image, as the server's image store keeps it under the data directory.
    String file = "ab".repeat(32) + ".jpg";
    var image = new Image("0123456789abcdef0123456789abcdef", "A harbour crane", 320, 200,
        List.of(new Image.Rendition(320, 200, file)));
    new FileImageStore(data.resolve("images")).put(image, java.util.Map.of(file, new byte[] {1, 2, 3}));

    List<String> beforeBackup = publisher.acknowledged();
    CommandResult backedUp = node.run("backup", List.of(backup.toString()));
    assertThat(backedUp.exitCode()).as("backup: %s", backedUp).isZero();
    assertThat(publisher.acknowledged().size()).as("publishing went on while the backup ran").isGreaterThan(beforeBackup.size());
    System.out.println(backedUp.out());
    assertThat(backedUp.out()).contains("backed up", "integrity_check ok", "the Web Push key pair", "copied 2 new image files");
    assertThat(node.run("backup", List.of(backup.toString())).err()).as("a backup never overwrites a file").contains("exists");

    CommandResult refused = node.run("restore", List.of(backup.toString()));
    assertThat(refused.exitCode()).as("restore while the server runs: %s", refused).isNotZero();
    assertThat(refused.err()).contains("a server is running", "nothing was changed");
    CommandResult second = node.run("serve", List.of("--host", "127.0.0.1", "--port", Integer.toString(TestServer.freePort())));
    assertThat(second.exitCode()).as("a second server on the same data: %s", second).isNotZero();
    assertThat(second.err()).contains("one server per data directory");
    publisher.awaitMoreAcknowledged(10, WAIT);
    publisher.stop();
    List<String> acknowledged = publisher.acknowledged();
    assertThat(SqliteFile.in(data).eventIds(TOPIC)).as("the refused restore left the live store alone").containsAll(acknowledged);

    node.stop();
    try (var files = Files.walk(data.resolve("images"))) {
      for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) Files.delete(p); // the disk lost them
    }
    CommandResult restored = node.run("restore", List.of(backup.toString()));
    assertThat(restored.exitCode()).as("restore: %s", restored).isZero();
    System.out.println(restored.out());
    assertThat(restored.out()).contains("restored", "kept as", "put back 2 image files");
    assertThat(new FileImageStore(data.resolve("images")).image(image.id())).contains(image);
    try (var kept = Files.list(data)) {
      assertThat(kept.map(p -> p.getFileName().toString())).as("the replaced store is kept")
          .anyMatch(name -> name.startsWith("newsdesk.db.before-restore-"));
    }

    List<String> log = SqliteFile.in(data).eventIds(TOPIC);
    assertThat(SqliteFile.in(data).integrityCheck()).containsExactly("ok");
    assertThat(log).as("every publish acknowledged before the backup began").containsAll(beforeBackup);
    assertThat(log.stream().filter(new HashSet<>(beforeBackup)::contains).toList()).as("in order")
        .containsExactlyElementsOf(beforeBackup);
    assertThat(new HashSet<>(acknowledged)).as("and nothing that was not published").containsAll(log);

    node.restart();
    assertThat(get(node.baseUrl() + "/push/key")).as("the same Web Push key pair").isEqualTo(key);
    String next = MercurePublisher.publish(node.baseUrl(), TOPIC);
    assertThat(Long.parseLong(next)).as("the restored store serves; numbering goes on after its log")
        .isGreaterThan(Long.parseLong(log.getLast()));
  }

  private static String get(String url) throws Exception {
    var res = TestServer.http().send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(url)).build(),
        java.net.http.HttpResponse.BodyHandlers.ofString());
    assertThat(res.statusCode()).as("GET %s", url).isEqualTo(200);
    return res.body();
  }
}
