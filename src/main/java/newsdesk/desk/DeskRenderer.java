package newsdesk.desk;

import com.samskivert.mustache.Template;
import java.util.List;
import java.util.Map;
import newsdesk.http.Templates;

/** Renders the desk's templates in {@code templates/desk/}, compiled once; HTML escaping stays on throughout. */
final class DeskRenderer {
  private final Template signIn;
  private final Template stories;
  private final Template rows;
  private final Template editor;
  private final Template notFound;
  private final Template liveConsole;
  private final Template liveEntries;

  DeskRenderer() {
    signIn = Templates.compile("desk/sign-in");
    stories = Templates.compile("desk/stories");
    rows = Templates.compile("desk/rows");
    editor = Templates.compile("desk/editor");
    notFound = Templates.compile("desk/not-found");
    liveConsole = Templates.compile("desk/live");
    liveEntries = Templates.compile("desk/live-entries");
  }

  String signIn(DeskModels.SignInPage page) {
    return signIn.execute(page);
  }

  String stories(DeskModels.StoryList page) {
    return stories.execute(page);
  }

  String editor(DeskModels.Editor page) {
    return editor.execute(page);
  }

  String notFound(DeskModels.NotFound page) {
    return notFound.execute(page);
  }

  /** The list's rows alone, which desk.js swaps in when a story changes. */
  String rows(List<DeskModels.Row> list) {
    return rows.execute(Map.of("stories", list, "empty", list.isEmpty()));
  }

  String liveConsole(DeskModels.LiveConsole page) {
    return liveConsole.execute(page);
  }

  /** Console entries alone, which desk-live.js places when an entry changes. */
  String liveEntries(List<DeskModels.ConsoleEntry> list) {
    return liveEntries.execute(Map.of("entries", list, "empty", list.isEmpty()));
  }
}
