package newsdesk.desk;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.TreeSet;
import java.util.function.Function;
import newsdesk.store.Entry;
import newsdesk.store.SignedIn;
import newsdesk.store.Story;
import newsdesk.store.StoryStatus;

/** What the desk's templates see: plain values only, escaped by the templates. */
final class DeskModels {
  private static final DateTimeFormatter UPDATED =
      DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm 'UTC'", Locale.ENGLISH).withZone(ZoneOffset.UTC);

  private DeskModels() {}

  record SignInPage(String title, String email, String error) {
    SignInPage(String email, String error) {
      this("Sign in", email, error);
    }
  }

  /** The person at the desk, as the page header shows them. */
  record Person(String name, String email, String role) {
    static Person of(SignedIn who) {
      return new Person(who.user().displayName(), who.user().email(), who.user().role().wire());
    }
  }

  record Option(String value, String label, boolean selected) {}

  /** The editor: the story's fields as stored (empty for a new one) and the version they are. */
  record Editor(String title, Person person, String csrf, String slug, String version, String headline, String summary,
      String body, String section, String tags, String status, String statusLabel, String readerUrl, boolean mayPublish,
      boolean isPublic, boolean live) {}

  record NotFound(String title, Person person, String csrf) {}

  record Row(String slug, String headline, String status, String statusLabel, String section, String authors,
      String updatedIso, String updatedText, boolean live, String scheduledIso, String scheduledText, long readers,
      String editing) {}

  /** The list's filters as asked; blank means "any". */
  record Filters(String status, String section, String q) {
    boolean any() {
      return !status.isEmpty() || !section.isEmpty() || !q.isEmpty();
    }
  }

  record StoryList(String title, Person person, String csrf, String topic, String since, Filters filters, List<Option> statuses,
      List<Option> sections, List<Row> stories, boolean empty) {}

  static StoryList storyList(SignedIn who, String csrf, String topic, String since, Filters f, List<Story> stories,
      List<String> knownSections, Function<String, DeskPresence.Live> live) {
    var statuses = new java.util.ArrayList<Option>();
    for (StoryStatus s : StoryStatus.values()) statuses.add(new Option(s.wire(), label(s), s.wire().equals(f.status())));
    var names = new TreeSet<>(knownSections);
    if (!f.section().isEmpty()) names.add(f.section());
    var sections = names.stream().map(n -> new Option(n, n, n.equals(f.section()))).toList();
    List<Row> rows = rows(stories, live);
    return new StoryList("Stories", Person.of(who), csrf, topic, since, f, statuses, sections, rows, rows.isEmpty());
  }

  /** The rows, each with its readers and editors now ({@code live}, by slug). */
  static List<Row> rows(List<Story> stories, Function<String, DeskPresence.Live> live) {
    return stories.stream().map(s -> row(s, live.apply(s.slug()))).toList();
  }

  private static Row row(Story s, DeskPresence.Live live) {
    Instant t = Objects.requireNonNullElse(s.updatedAt(), s.createdAt());
    Instant due = s.scheduledAt();
    return new Row(s.slug(), s.headline(), s.status().wire(), label(s.status()), s.section(),
        String.join(", ", s.authors()), t.toString(), UPDATED.format(t), s.isLive(),
        due == null ? null : due.toString(), due == null ? null : UPDATED.format(due), live.readers(), live.editingText());
  }

  /**
   * One entry in the live console. {@code source} is its Markdown, for editing in place;
   * {@code stamp} changes whenever what the console shows of it does, so desk-live.js replaces
   * only entries that changed.
   */
  record ConsoleEntry(long id, String source, String bodyHtml, String author, String createdIso, String createdText,
      boolean edited, boolean keyEvent, boolean pinned, String stamp) {}

  /** The live-blog console's page: the blog, who is at the desk (the composer's default author), its entries. */
  record LiveConsole(String title, Person person, String csrf, String topic, String since, String slug, String status,
      String statusLabel, boolean announced, String readerUrl, List<ConsoleEntry> entries, boolean empty) {}

  static LiveConsole liveConsole(SignedIn who, String csrf, String topic, String since, Story s, List<Entry> entries,
      String readerUrl) {
    var shown = consoleEntries(entries);
    return new LiveConsole(s.headline(), Person.of(who), csrf, topic, since, s.slug(), s.status().wire(),
        label(s.status()), s.isPublic(), readerUrl, shown, shown.isEmpty());
  }

  /** The entries not deleted, newest first (ids grow with time). */
  static List<ConsoleEntry> consoleEntries(List<Entry> entries) {
    return entries.stream().filter(e -> !e.deleted()).sorted(Comparator.comparingLong(Entry::id).reversed())
        .map(DeskModels::consoleEntry).toList();
  }

  private static ConsoleEntry consoleEntry(Entry e) {
    String stamp = e.editedAt() + "|" + e.keyEvent() + "|" + e.pinned();
    return new ConsoleEntry(e.id(), e.body(), e.bodyHtml(), e.author(), e.createdAt().toString(),
        UPDATED.format(e.createdAt()), e.editedAt() != null, e.keyEvent(), e.pinned(), stamp);
  }

  static String label(StoryStatus s) {
    return switch (s) {
      case DRAFT -> "Draft";
      case IN_REVIEW -> "In review";
      case SCHEDULED -> "Scheduled";
      case PUBLISHED -> "Published";
      case RETRACTED -> "Retracted";
    };
  }
}
