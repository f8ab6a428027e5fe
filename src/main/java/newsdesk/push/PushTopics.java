package newsdesk.push;

import java.util.regex.Pattern;
import newsdesk.content.Slugs;

/**
 * What a reader can follow: {@code breaking} (the desk's breaking alerts), {@code section:<name>}
 * (stories published in a section) and {@code live:<slug>} (a live blog's key events).
 */
public final class PushTopics {
  public static final String BREAKING = "breaking";
  private static final Pattern TOPIC = Pattern.compile(
      "breaking|section:" + Slugs.PATTERN + "|live:" + Slugs.PATTERN);
  private static final int MAX_LENGTH = 100;

  private PushTopics() {}

  public static boolean isValid(String topic) {
    return topic != null && topic.length() <= MAX_LENGTH && TOPIC.matcher(topic).matches();
  }

  public static String section(String name) {
    return "section:" + name;
  }

  public static String live(String slug) {
    return "live:" + slug;
  }
}
