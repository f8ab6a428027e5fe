package newsdesk.feeds;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.List;

/**
 * A feed or sitemap rendered in full, and how it is answered: 304 when the client's copy is
 * current (see {@link Conditional}), else the bytes; {@code links} are {@code Link} header values.
 */
record Document(byte[] body, String contentType, Instant modified, List<String> links) {

  void send(RoutingContext ctx) {
    var validators = Conditional.of(body, modified);
    HttpServerResponse res = ctx.response();
    for (String link : links) res.headers().add("Link", link);
    // no-cache: readers and crawlers may keep a copy but revalidate it, which a 304 makes cheap.
    res.putHeader("Cache-Control", "no-cache")
        .putHeader("ETag", validators.etag())
        .putHeader("Last-Modified", validators.lastModified())
        .putHeader("X-Content-Type-Options", "nosniff");
    if (validators.notModified(ctx.request().getHeader("If-None-Match"), ctx.request().getHeader("If-Modified-Since"))) {
      res.setStatusCode(304).end();
    } else {
      res.putHeader("Content-Type", contentType).end(Buffer.buffer(body));
    }
  }
}
