package newsdesk.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code newsdesk serve | token ... | user ... | backup FILE | restore FILE}: the command line. */
@Command(name = "newsdesk", mixinStandardHelpOptions = true, version = "newsdesk 0.1",
    description = "Live publishing and delivery for a news site.",
    subcommands = {ServeCommand.class, TokenCommand.class, UserCommand.class, StoreCopyCommands.Backup.class,
        StoreCopyCommands.Restore.class, TrainCommand.class})
public final class Main implements Runnable {

  @Override
  public void run() {
    new CommandLine(this).usage(System.out);
  }

  public static void main(String[] args) {
    int code = new CommandLine(new Main()).setCaseInsensitiveEnumValuesAllowed(true).execute(args);
    if (code != 0 || !ServeCommand.isServing()) System.exit(code);
  }
}
