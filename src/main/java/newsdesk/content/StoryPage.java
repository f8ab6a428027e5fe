package newsdesk.content;

import java.util.List;
import newsdesk.store.Story;

/** One page of a story listing and the cursor of the next, null on the last page. */
public record StoryPage(List<Story> items, String nextCursor) {}
