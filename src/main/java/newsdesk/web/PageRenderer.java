package newsdesk.web;

import com.samskivert.mustache.Template;
import newsdesk.http.Templates;

/** Renders the reader templates in {@code templates/} on the class path, compiled once at start. */
final class PageRenderer {
  private final Template list;
  private final Template story;
  private final Template live;
  private final Template notFound;
  private final String readerTemplates;

  PageRenderer() {
    // Only {{{bodyHtml}}} and {{{meta.jsonLd}}} opt out of HTML escaping, both made safe upstream.
    list = Templates.compile("list");
    story = Templates.compile("story");
    live = Templates.compile("live");
    notFound = Templates.compile("not-found");
    readerTemplates = Templates.compile("reader-templates").execute(PageModels.ReaderTemplates.BLANK);
  }

  String list(PageModels.ListPage page) {
    return list.execute(page);
  }

  String story(PageModels.StoryView view) {
    return (view.live() ? live : story).execute(view);
  }

  String notFound(PageModels.NotFoundView view) {
    return notFound.execute(view);
  }

  /** The card, entry, correction and key-event markup reader.js clones, rendered once. */
  String readerTemplates() {
    return readerTemplates;
  }
}
