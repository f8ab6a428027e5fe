package newsdesk.desk;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.TreeSet;
import java.util.function.Function;
import newsdesk.store.Entry;
import newsdesk.store.Role;
import newsdesk.store.SignedIn;
import newsdesk.store.Story;
import newsdesk.store.StoryStatus;

/** What the desk's templates see: plain values only, escaped by the templates. */
final class DeskModels {
  private static final DateTimeFormatter UPDATED =
      DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm 'UTC'", Locale.ENGLISH).withZone(ZoneOffset.UTC);
  /** A publication time, in the newsroom's zone, named in full so nobody takes it for their own. */
  private static final DateTimeFormatter SCHEDULED = DateTimeFormatter.ofPattern("EEE d MMM yyyy, HH:mm", Locale.ENGLISH);

  private DeskModels() {}

  record SignInPage(String title, String email, String error) {
    SignInPage(String email, String error) {
      this("Sign in", email, error);
    }
  }

  /** The person at the desk, as the page header shows them. */
  record Person(String name, String email, String role, boolean admin) {
    static Person of(SignedIn who) {
      var u = who.user();
      return new Person(u.displayName(), u.email(), u.role().wire(), u.role().allows(Role.ADMIN));
    }
  }

  record Option(String value, String label, boolean selected) {}

  /** The editor: the story's fields as stored (empty for a new one) and the version they are. */
  record Editor(String title, Person person, String csrf, String slug, String version, String headline, String summary,
      String body, String section, String tags, String status, String statusLabel, String readerUrl, boolean mayPublish,
      boolean isPublic, boolean live, String timeZone, String scheduledIso, String scheduledText,
      LeadImage leadImage) {}

  /** The story's lead image as the editor shows it: its narrowest rendition (a thumbnail) and its alt text. */
  record LeadImage(String id, String src, String alt) {
    static LeadImage of(newsdesk.store.Image image, newsdesk.content.SiteUrls urls) {
      return image == null ? null : new LeadImage(image.id(), urls.image(image.renditions().get(0).file()), image.alt());
    }
  }

  record NotFound(String title, Person person, String csrf) {}

  /** @param alertable a published story, and the person at the desk may send alerts */
  record Row(String slug, String headline, String status, String statusLabel, String section, String authors,
      String updatedIso, String updatedText, boolean live, String scheduledIso, String scheduledText,
      boolean alertable, long readers, String editing) {}

  /** The list's filters as asked; blank means "any". */
  record Filters(String status, String section, String q) {
    boolean any() {
      return !status.isEmpty() || !section.isEmpty() || !q.isEmpty();
    }
  }

  record StoryList(String title, Person person, String csrf, String topic, String since, Filters filters, List<Option> statuses,
      List<Option> sections, List<Row> stories, boolean empty) {}

  static StoryList storyList(SignedIn who, String csrf, String topic, String since, Filters f, List<Story> stories,
      List<String> knownSections, ZoneId zone, Function<String, DeskPresence.Live> live) {
    var statuses = new java.util.ArrayList<Option>();
    for (StoryStatus s : StoryStatus.values()) statuses.add(new Option(s.wire(), label(s), s.wire().equals(f.status())));
    var names = new TreeSet<>(knownSections);
    if (!f.section().isEmpty()) names.add(f.section());
    var sections = names.stream().map(n -> new Option(n, n, n.equals(f.section()))).toList();
    List<Row> rows = rows(stories, who, zone, live);
    return new StoryList("Stories", Person.of(who), csrf, topic, since, f, statuses, sections, rows, rows.isEmpty());
  }

  /** The rows, each with its readers and editors now ({@code live}, by slug). */
  static List<Row> rows(List<Story> stories, SignedIn who, ZoneId zone, Function<String, DeskPresence.Live> live) {
    boolean alerts = who.user().role().allows(Role.EDITOR);
    return stories.stream().map(s -> row(s, alerts, zone, live.apply(s.slug()))).toList();
  }

  /** "Tue 1 Dec 2026, 06:00 Europe/Berlin"; null for none. */
  static String scheduledText(Instant at, ZoneId zone) {
    return at == null ? null : SCHEDULED.format(at.atZone(zone)) + " " + zone.getId();
  }

  private static Row row(Story s, boolean alerts, ZoneId zone, DeskPresence.Live live) {
    Instant t = Objects.requireNonNullElse(s.updatedAt(), s.createdAt());
    Instant due = s.scheduledAt();
    return new Row(s.slug(), s.headline(), s.status().wire(), label(s.status()), s.section(),
        String.join(", ", s.authors()), t.toString(), when(t), s.isLive(),
        due == null ? null : due.toString(), scheduledText(due, zone),
        alerts && s.status() == StoryStatus.PUBLISHED, live.readers(), live.editingText());
  }

  /**
   * One entry in the live console. {@code source} is its Markdown, for editing in place;
   * {@code stamp} changes whenever what the console shows of it does, so desk-live.js replaces
   * only entries that changed.
   */
  record ConsoleEntry(long id, String source, String bodyHtml, String author, String createdIso, String createdText,
      boolean edited, boolean keyEvent, boolean pinned, String stamp, String imageSrc, String imageAlt) {}

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
    String stamp = e.editedAt() + "|" + e.keyEvent() + "|" + e.pinned() + "|" + (e.image() == null ? "" : e.image().id());
    // The narrowest rendition as a thumbnail, by its path: the desk and the images share an origin.
    String imageSrc = e.image() == null ? null : "/images/" + e.image().renditions().get(0).file();
    return new ConsoleEntry(e.id(), e.body(), e.bodyHtml(), e.author(), e.createdAt().toString(),
        UPDATED.format(e.createdAt()), e.editedAt() != null, e.keyEvent(), e.pinned(), stamp, imageSrc,
        e.image() == null ? null : e.image().alt());
  }

  /** A time as the desk shows it: {@code 30 Nov 2026, 08:15 UTC}. */
  static String when(Instant t) {
    return t == null ? "" : UPDATED.format(t);
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
