package newsdesk.content;

import java.util.List;

/**
 * Changes to a story; null leaves a field as it is. {@code leadImage} is an uploaded image's id,
 * or "" to remove the lead image.
 */
public record StoryPatch(
    String headline, String summary, String body, String section, List<String> tags, List<String> authors,
    String leadImage) {

  public StoryPatch(String headline, String summary, String body, String section, List<String> tags,
      List<String> authors) {
    this(headline, summary, body, section, tags, authors, null);
  }

  public boolean isEmpty() {
    return headline == null && summary == null && body == null && section == null && tags == null
        && authors == null && leadImage == null;
  }
}
