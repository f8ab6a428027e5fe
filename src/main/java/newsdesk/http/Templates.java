package newsdesk.http;

import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.Template;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The Mustache templates in {@code templates/} on the class path, as the reader pages and the desk
 * compile them: HTML escaping on, a null value renders empty and an empty string counts as false,
 * but a misspelt name still fails loudly. Partials are loaded on first use and then kept.
 */
public final class Templates {
  private static final Mustache.Compiler COMPILER =
      Mustache.compiler().nullValue("").emptyStringIsFalse(true).withLoader(Templates::open);

  private Templates() {}

  /** The template {@code templates/<name>.mustache}, compiled. */
  public static Template compile(String name) {
    try (Reader r = open(name)) {
      return COMPILER.compile(r);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Reader open(String name) {
    String path = "templates/" + name + ".mustache";
    InputStream in = Templates.class.getClassLoader().getResourceAsStream(path);
    if (in == null) throw new IllegalStateException("missing template " + path);
    return new InputStreamReader(in, StandardCharsets.UTF_8);
  }
}
