package newsdesk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import newsdesk.store.Role;
import newsdesk.store.sql.PostgresStores;
import newsdesk.testing.PostgresDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The token commands work on the store {@code --store} names, as the server does. */
class TokenCommandStoreTest {
  @TempDir Path dir;

  private static String run(String... args) {
    var out = new ByteArrayOutputStream();
    PrintStream was = System.out;
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    try {
      int code = new CommandLine(new Main()).execute(args);
      assertThat(code).as(String.join(" ", args)).isZero();
    } finally {
      System.setOut(was);
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void tokensAreCreatedListedAndRevokedInPostgres() {
    try (var database = PostgresDatabase.create()) {
      String data = dir.toString();
      String secret = run("token", "create", "--role", "admin", "--name", "ops", "--store", database.url(), "--data", data).strip();
      assertThat(secret).isNotEmpty();
      assertThat(run("token", "list", "--store", database.url(), "--data", data)).contains("admin\tops");
      try (var store = PostgresStores.open(database.url())) {
        assertThat(store.tokens()).singleElement().satisfies(t -> {
          assertThat(t.role()).isEqualTo(Role.ADMIN);
          assertThat(t.active()).isTrue();
        });
        long id = store.tokens().get(0).id();
        assertThat(run("token", "revoke", Long.toString(id), "--store", database.url(), "--data", data))
            .contains("revoked " + id);
        assertThat(store.tokens().get(0).active()).isFalse();
      }
      assertThat(dir.resolve("newsdesk.db")).doesNotExist();
    }
  }
}
