package newsdesk.content;

import java.util.List;

/** A new story as the newsroom sends it; null means "not given". {@code leadImage} is an uploaded image's id. */
public record StoryInput(
    String slug, String kind, String headline, String summary, String body, String section,
    List<String> tags, List<String> authors, String status, String leadImage) {

  public StoryInput(String slug, String kind, String headline, String summary, String body, String section,
      List<String> tags, List<String> authors, String status) {
    this(slug, kind, headline, summary, body, section, tags, authors, status, null);
  }
}
