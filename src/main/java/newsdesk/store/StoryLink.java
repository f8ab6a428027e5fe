package newsdesk.store;

import java.time.Instant;

/** What a sitemap needs of a story, without its text: where it is and its "Last Updated". */
public record StoryLink(long id, String slug, String section, Instant updatedAt) {}
