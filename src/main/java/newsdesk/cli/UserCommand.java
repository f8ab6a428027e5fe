package newsdesk.cli;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Arrays;
import java.util.concurrent.Callable;
import newsdesk.auth.Passwords;
import newsdesk.auth.Users;
import newsdesk.store.Role;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "user", mixinStandardHelpOptions = true,
    description = "Manage the people who sign in to the desk (works while the server runs).",
    subcommands = {UserCommand.Create.class, UserCommand.ListUsers.class, UserCommand.Disable.class})
final class UserCommand implements Runnable {
  @Override
  public void run() {
    new picocli.CommandLine(this).usage(System.out);
  }

  @Command(name = "create", mixinStandardHelpOptions = true,
      description = "Add a user; the password is read from standard input (its first line).")
  static final class Create implements Callable<Integer> {
    @Mixin ServerOptions options = new ServerOptions();

    @Parameters(index = "0", description = "the email the user signs in with")
    String email;

    @Option(names = "--role", required = true, description = "contributor, editor or admin")
    String role;

    @Option(names = "--name", required = true, description = "the display name, e.g. \"Ann Editor\"")
    String name;

    @Override
    public Integer call() {
      var parsed = Role.parse(role);
      if (parsed.isEmpty()) {
        System.err.println("newsdesk: --role must be contributor, editor or admin");
        return 2;
      }
      char[] password;
      try {
        password = readPassword();
      } catch (IOException e) {
        System.err.println("newsdesk: could not read the password from standard input: " + e.getMessage());
        return 2;
      }
      try {
        return options.withStore(store -> {
          var user = new Users(store, new Passwords(), Clock.systemUTC()).create(email, name, parsed.get(), password);
          System.out.println("created " + user.email() + " (" + user.role().wire() + ")");
          return 0;
        });
      } catch (Users.InvalidUserException e) {
        System.err.println("newsdesk: " + e.getMessage());
        return 2;
      } finally {
        Arrays.fill(password, '\0');
      }
    }

    /** The first line of standard input, without its line end; at a terminal, asked for without echo. */
    private static char[] readPassword() throws IOException {
      var console = System.console();
      if (console != null && isTerminal(console)) {
        char[] p = console.readPassword("Password: ");
        return p == null ? new char[0] : p;
      }
      Reader in = new InputStreamReader(System.in, StandardCharsets.UTF_8);
      char[] buf = new char[Passwords.MAX_LENGTH + 2];
      int n = 0;
      for (int c; n < buf.length && (c = in.read()) != -1 && c != '\n'; ) buf[n++] = (char) c;
      if (n > 0 && buf[n - 1] == '\r') n--;
      char[] password = Arrays.copyOf(buf, n);
      Arrays.fill(buf, '\0');
      return password;
    }
  }

  /**
   * Whether the console is a terminal. From JDK 22 on {@code System.console()} is there even when
   * input is a pipe, and {@code Console.isTerminal()} tells; on 21 there is none then.
   */
  static boolean isTerminal(java.io.Console console) {
    try {
      return (boolean) java.io.Console.class.getMethod("isTerminal").invoke(console);
    } catch (NoSuchMethodException e) {
      return true;
    } catch (ReflectiveOperationException e) {
      return false;
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "List users (never their passwords).")
  static final class ListUsers implements Callable<Integer> {
    @Mixin ServerOptions options = new ServerOptions();

    @Override
    public Integer call() {
      return options.withStore(store -> {
        for (var u : new Users(store, new Passwords(), Clock.systemUTC()).list()) {
          System.out.printf("%d\t%s\t%s\t%s\t%s%s%n", u.id(), u.email(), u.role().wire(), u.displayName(), u.createdAt(),
              u.active() ? "" : "\tdisabled " + u.disabledAt());
        }
        return 0;
      });
    }
  }

  @Command(name = "disable", mixinStandardHelpOptions = true,
      description = "Disable a user: they can no longer sign in, and their sessions stop working at once.")
  static final class Disable implements Callable<Integer> {
    @Mixin ServerOptions options = new ServerOptions();

    @Parameters(index = "0", description = "the user's email")
    String email;

    @Override
    public Integer call() {
      return options.withStore(store -> {
        boolean done = new Users(store, new Passwords(), Clock.systemUTC()).disable(email);
        System.out.println(done ? "disabled " + email : "no active user " + email);
        return done ? 0 : 1;
      });
    }
  }
}
