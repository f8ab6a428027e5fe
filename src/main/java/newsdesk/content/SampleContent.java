package newsdesk.content;

/** Original sample stories for a fresh install, so a first run has something to read. */
public final class SampleContent {
  private SampleContent() {}

  public static int load(ContentService content) {
    return 0;
  }
}
