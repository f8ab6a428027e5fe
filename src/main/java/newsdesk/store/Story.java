package newsdesk.store;

import java.time.Instant;
import java.util.List;

/**
 * A story as stored. {@code body} is the newsroom's Markdown source; {@code bodyHtml} is its
 * sanitised rendering, the only form a reader's page ever shows. {@code scheduledAt} is when a
 * {@link StoryStatus#SCHEDULED} story is due to publish, null for every other status.
 * {@code leadImage} is a copy of the stored image (images never change), null when there is none.
 */
public record Story(
    long id,
    String slug,
    StoryKind kind,
    String headline,
    String summary,
    String body,
    String bodyHtml,
    String section,
    List<String> tags,
    List<String> authors,
    StoryStatus status,
    String retraction,
    Instant createdAt,
    Instant publishedAt,
    Instant updatedAt,
    List<Correction> corrections,
    Instant scheduledAt,
    Image leadImage) {

  public Story {
    tags = List.copyOf(tags);
    authors = List.copyOf(authors);
    corrections = List.copyOf(corrections);
  }

  /** This story with a new "Last Updated". */
  public Story touched(Instant at) {
    return new Story(id, slug, kind, headline, summary, body, bodyHtml, section, tags, authors, status,
        retraction, createdAt, publishedAt, at, corrections, scheduledAt, leadImage);
  }

  public Story withCorrections(List<Correction> list) {
    return new Story(id, slug, kind, headline, summary, body, bodyHtml, section, tags, authors, status,
        retraction, createdAt, publishedAt, updatedAt, list, scheduledAt, leadImage);
  }

  /** This story in another status; the rest as it is. */
  public Story withStatus(StoryStatus to, String retractionText, Instant published, Instant updated, Instant scheduled) {
    return new Story(id, slug, kind, headline, summary, body, bodyHtml, section, tags, authors, to, retractionText,
        createdAt, published, updated, corrections, scheduled, leadImage);
  }

  public boolean isLive() {
    return kind == StoryKind.LIVE;
  }

  /** Readers see published and retracted stories; drafts, stories in review and scheduled stories are the newsroom's alone. */
  public boolean isPublic() {
    return status == StoryStatus.PUBLISHED || status == StoryStatus.RETRACTED;
  }
}
