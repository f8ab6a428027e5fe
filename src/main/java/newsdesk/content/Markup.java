package newsdesk.content;

import java.util.List;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.owasp.html.HtmlPolicyBuilder;
import org.owasp.html.PolicyFactory;
import org.owasp.html.Sanitizers;

/**
 * Turns a newsroom body (Markdown, which may embed HTML) into HTML that is safe to put in a
 * reader's page: everything passes through the OWASP sanitizer, so no script, event handler or
 * {@code javascript:} URL survives, whatever the source held.
 */
public final class Markup {
  private static final List<org.commonmark.Extension> EXTENSIONS = List.of(TablesExtension.create());
  private static final Parser PARSER = Parser.builder().extensions(EXTENSIONS).build();
  private static final HtmlRenderer RENDERER = HtmlRenderer.builder().extensions(EXTENSIONS).build();
  private static final PolicyFactory POLICY = Sanitizers.FORMATTING
      .and(Sanitizers.BLOCKS)
      .and(Sanitizers.LINKS)
      .and(Sanitizers.TABLES)
      .and(Sanitizers.IMAGES)
      .and(new HtmlPolicyBuilder()
          .allowElements("pre", "code", "hr", "figure", "figcaption", "br")
          .toFactory());

  private Markup() {}

  public static String toSafeHtml(String markdown) {
    String html = RENDERER.render(PARSER.parse(markdown == null ? "" : markdown));
    return POLICY.sanitize(html).strip();
  }
}
