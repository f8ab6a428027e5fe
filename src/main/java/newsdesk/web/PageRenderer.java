package newsdesk.web;

import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.Template;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Renders the reader templates in {@code templates/} on the class path, compiled once at start
 * (partials are loaded on first use and then kept by jmustache).
 */
final class PageRenderer {
  private final Template list;
  private final Template story;
  private final Template live;
  private final Template notFound;
  private final String readerTemplates;

  PageRenderer() {
    // HTML escaping stays on: only {{{bodyHtml}}} and {{{meta.jsonLd}}} opt out, both made safe upstream.
    // A null value renders empty and an empty string counts as false, but a misspelt name still fails loudly.
    Mustache.Compiler compiler = Mustache.compiler().nullValue("").emptyStringIsFalse(true).withLoader(PageRenderer::open);
    list = compile(compiler, "list");
    story = compile(compiler, "story");
    live = compile(compiler, "live");
    notFound = compile(compiler, "not-found");
    readerTemplates = compile(compiler, "reader-templates").execute(PageModels.ReaderTemplates.BLANK);
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

  private static Template compile(Mustache.Compiler compiler, String name) {
    try (Reader r = open(name)) {
      return compiler.compile(r);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Reader open(String name) {
    String path = "templates/" + name + ".mustache";
    InputStream in = PageRenderer.class.getClassLoader().getResourceAsStream(path);
    if (in == null) throw new IllegalStateException("missing template " + path);
    return new InputStreamReader(in, StandardCharsets.UTF_8);
  }
}
