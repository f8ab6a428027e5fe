package newsdesk.content;

import java.util.List;

/** Changes to a story; null leaves a field as it is. */
public record StoryPatch(
    String headline, String summary, String body, String section, List<String> tags, List<String> authors) {

  public boolean isEmpty() {
    return headline == null && summary == null && body == null && section == null && tags == null
        && authors == null;
  }
}
