package newsdesk.cli;

import java.time.Clock;
import java.util.concurrent.Callable;
import newsdesk.auth.Tokens;
import newsdesk.store.Role;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "token", mixinStandardHelpOptions = true,
    description = "Manage API tokens in the store (works while the server runs).",
    subcommands = {TokenCommand.Create.class, TokenCommand.ListTokens.class, TokenCommand.Revoke.class})
final class TokenCommand implements Runnable {
  @Override
  public void run() {
    new picocli.CommandLine(this).usage(System.out);
  }

  @Command(name = "create", mixinStandardHelpOptions = true, description = "Print a new API token.")
  static final class Create implements Callable<Integer> {
    @Mixin ServerOptions options = new ServerOptions();

    @Option(names = "--role", required = true, description = "contributor, editor or admin")
    String role;

    @Option(names = "--name", description = "A label for the token, e.g. who holds it")
    String name;

    @Override
    public Integer call() {
      var parsed = Role.parse(role);
      if (parsed.isEmpty()) {
        System.err.println("newsdesk: --role must be contributor, editor or admin");
        return 2;
      }
      return options.withStore(store -> {
        var issued = new Tokens(store, Clock.systemUTC()).create(parsed.get(), name == null ? parsed.get().wire() : name);
        System.out.println(issued.secret());
        return 0;
      });
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "List tokens (never their secrets).")
  static final class ListTokens implements Callable<Integer> {
    @Mixin ServerOptions options = new ServerOptions();

    @Override
    public Integer call() {
      return options.withStore(store -> {
        for (var t : new Tokens(store, Clock.systemUTC()).list()) {
          System.out.printf("%d\t%s\t%s\t%s%s%n", t.id(), t.role().wire(), t.name(), t.createdAt(),
              t.active() ? "" : "\trevoked " + t.revokedAt());
        }
        return 0;
      });
    }
  }

  @Command(name = "revoke", mixinStandardHelpOptions = true, description = "Revoke a token by id.")
  static final class Revoke implements Callable<Integer> {
    @Mixin ServerOptions options = new ServerOptions();

    @Parameters(index = "0", description = "token id (see 'token list')")
    long id;

    @Override
    public Integer call() {
      return options.withStore(store -> {
        boolean done = new Tokens(store, Clock.systemUTC()).revoke(id);
        System.out.println(done ? "revoked " + id : "no active token " + id);
        return done ? 0 : 1;
      });
    }
  }
}
