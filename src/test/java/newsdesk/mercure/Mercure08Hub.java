package newsdesk.mercure;

import java.nio.file.Path;
import newsdesk.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** One hub per test class with draft-08 settings, and a publisher's access token for it. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class Mercure08Hub {
  @TempDir static Path dir;
  TestServer server;
  String publisher;

  @BeforeAll
  void start() {
    server = TestServer.start(dir, Mercure08Support.settings());
    publisher = Mercure08Support.publisherToken(server);
  }

  @AfterAll
  void stop() {
    server.close();
  }
}
