package newsdesk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import newsdesk.auth.Passwords;
import newsdesk.auth.Users;
import newsdesk.store.Role;
import newsdesk.store.sql.PostgresStores;
import newsdesk.store.sql.SqliteStores;
import newsdesk.testing.PostgresDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code user create | list | disable}: the password from standard input, on the store the options name. */
class UserCommandTest {
  private static final String PASSWORD = "a long enough password";

  @TempDir Path dir;

  /** What one run printed and its exit code. */
  private record Run(int code, String out, String err) {}

  private static Run run(String stdin, String... args) {
    var out = new ByteArrayOutputStream();
    var err = new ByteArrayOutputStream();
    PrintStream wasOut = System.out;
    PrintStream wasErr = System.err;
    InputStream wasIn = System.in;
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
    try {
      int code = new CommandLine(new Main()).execute(args);
      return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(wasOut);
      System.setErr(wasErr);
      System.setIn(wasIn);
    }
  }

  @Test
  void aUserIsCreatedWithThePasswordFromStandardInputListedAndDisabled() {
    String data = dir.toString();
    var created = run(PASSWORD + "\n", "user", "create", "Ann@Example.org", "--role", "admin", "--name", "Ann Admin",
        "--data", data);
    assertThat(created.code()).as(created.err()).isZero();
    assertThat(created.out()).contains("created ann@example.org (admin)").doesNotContain(PASSWORD);

    var list = run("", "user", "list", "--data", data);
    assertThat(list.out()).contains("ann@example.org\tadmin\tAnn Admin").doesNotContain("argon2");
    try (var store = SqliteStores.open(dir)) {
      var users = new Users(store, new Passwords(), Clock.systemUTC());
      assertThat(users.authenticate("ann@example.org", PASSWORD.toCharArray())).isPresent();
      assertThat(users.authenticate("ann@example.org", "a wrong password!".toCharArray())).isEmpty();
      assertThat(store.userByEmail("ann@example.org").orElseThrow().passwordHash()).startsWith("$argon2id$v=19$");
    }

    assertThat(run("", "user", "disable", "ann@example.org", "--data", data).code()).isZero();
    assertThat(run("", "user", "list", "--data", data).out()).contains("\tdisabled ");
    assertThat(run("", "user", "disable", "ann@example.org", "--data", data).code()).isEqualTo(1);
    try (var store = SqliteStores.open(dir)) {
      var users = new Users(store, new Passwords(), Clock.systemUTC());
      assertThat(users.authenticate("ann@example.org", PASSWORD.toCharArray())).as("a disabled user").isEmpty();
    }
  }

  @Test
  void aShortPasswordABadRoleOrATakenEmailIsRefusedWithItsReason() {
    String data = dir.toString();
    var shortOne = run("short\n", "user", "create", "bob@example.org", "--role", "editor", "--name", "Bob", "--data", data);
    assertThat(shortOne.code()).isEqualTo(2);
    assertThat(shortOne.err()).contains("at least 12 characters").doesNotContain("short\n");
    var badRole = run(PASSWORD, "user", "create", "bob@example.org", "--role", "owner", "--name", "Bob", "--data", data);
    assertThat(badRole.code()).isEqualTo(2);
    assertThat(badRole.err()).contains("contributor, editor or admin");
    assertThat(run(PASSWORD, "user", "create", "not-an-email", "--role", "editor", "--name", "Bob", "--data", data).err())
        .contains("email");
    assertThat(run(PASSWORD, "user", "create", "bob@example.org", "--role", "editor", "--name", "Bob", "--data", data)
        .code()).isZero();
    var again = run(PASSWORD, "user", "create", "BOB@example.org", "--role", "admin", "--name", "Bob", "--data", data);
    assertThat(again.code()).isEqualTo(2);
    assertThat(again.err()).contains("exists");
    assertThat(run("", "user", "list", "--data", data).out().lines()).hasSize(1);
  }

  @Test
  void theCommandsWorkOnPostgresNamedByStore() {
    try (var database = PostgresDatabase.create()) {
      String data = dir.toString();
      assertThat(run(PASSWORD + "\r\n", "user", "create", "cat@example.org", "--role", "contributor", "--name", "Cat",
          "--store", database.url(), "--data", data).code()).isZero();
      assertThat(run("", "user", "list", "--store", database.url(), "--data", data).out())
          .contains("cat@example.org\tcontributor\tCat");
      try (var store = PostgresStores.open(database.url())) {
        var users = new Users(store, new Passwords(), Clock.systemUTC());
        assertThat(users.authenticate("cat@example.org", PASSWORD.toCharArray()))
            .hasValueSatisfying(u -> assertThat(u.role()).isEqualTo(Role.CONTRIBUTOR));
      }
      assertThat(run("", "user", "disable", "cat@example.org", "--store", database.url(), "--data", data).code()).isZero();
      assertThat(dir.resolve("newsdesk.db")).doesNotExist();
    }
  }
}
