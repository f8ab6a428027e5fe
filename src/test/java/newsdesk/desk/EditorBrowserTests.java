package newsdesk.desk;

import java.time.Duration;
import newsdesk.store.Role;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What the editor's browser tests share: the {@link DeskBrowser} with an editor ({@link #EDITOR})
 * and a contributor ({@link #CONTRIBUTOR}) who sign in with {@link #PASSWORD}. Each test gets a
 * fresh browser and server.
 */
abstract class EditorBrowserTests {
  static final String PASSWORD = DeskBrowser.PASSWORD;
  static final String EDITOR = "ann@example.org";
  static final String CONTRIBUTOR = "cat@example.org";
  /** A save (autosave every 3 s, a retry, a loaded machine) goes through within this. */
  static final Duration SAVE = Duration.ofSeconds(30);

  @RegisterExtension
  final DeskBrowser desk = new DeskBrowser()
      .person(EDITOR, "Desk editor", Role.EDITOR)
      .person(CONTRIBUTOR, "Desk contributor", Role.CONTRIBUTOR);
}
