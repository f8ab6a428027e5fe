package newsdesk.content;

import java.util.List;

/** A new story as the newsroom sends it; null means "not given". */
public record StoryInput(
    String slug, String kind, String headline, String summary, String body, String section,
    List<String> tags, List<String> authors, String status) {}
