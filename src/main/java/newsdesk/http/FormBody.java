package newsdesk.http;

import io.netty.handler.codec.http.QueryStringDecoder;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Reads a small {@code application/x-www-form-urlencoded} body, bounded, and decodes it with
 * Netty's query-string decoder: Web's BodyHandler runs such a body through the multipart decoder,
 * which costs the publish path far more. See docs/decisions/0010-mercure-form-netty-decoder.md.
 */
public final class FormBody {
  private static final int MAX_FIELDS = 1024;

  private FormBody() {}

  /**
   * Collects the body and hands its fields to {@code then}; fails the request with 413 past
   * {@code limit} bytes and with 400 for a body that is not valid form encoding.
   */
  public static void read(RoutingContext ctx, long limit, Consumer<MultiMap> then) {
    HttpServerRequest req = ctx.request();
    String declared = req.getHeader("Content-Length");
    if (declared != null && tooLong(declared, limit)) {
      ctx.fail(413);
      return;
    }
    if (req.isEnded()) {
      decode(ctx, Buffer.buffer(), then);
      return;
    }
    Buffer body = Buffer.buffer();
    boolean[] refused = {false};
    req.handler(chunk -> {
      if (refused[0]) return;
      if (body.length() + chunk.length() > limit) {
        refused[0] = true;
        ctx.fail(413);
        return;
      }
      body.appendBuffer(chunk);
    });
    req.endHandler(v -> {
      if (!refused[0]) decode(ctx, body, then);
    });
    req.resume();
  }

  private static boolean tooLong(String declared, long limit) {
    try {
      return Long.parseLong(declared.trim()) > limit;
    } catch (NumberFormatException e) {
      return false; // Netty's decoder has already refused a malformed length
    }
  }

  /**
   * The fields of a form-encoded body, in order.
   *
   * @throws IllegalArgumentException for a body that is not valid form encoding (a bad escape)
   */
  public static Map<String, List<String>> fields(String body) {
    return new QueryStringDecoder(body, StandardCharsets.UTF_8, false, MAX_FIELDS).parameters();
  }

  private static void decode(RoutingContext ctx, Buffer body, Consumer<MultiMap> then) {
    Map<String, List<String>> fields;
    try {
      fields = fields(body.toString(StandardCharsets.UTF_8));
    } catch (IllegalArgumentException e) {
      Problem.badRequest("the body is not valid form encoding").send(ctx.response(), ctx.request().path());
      return;
    }
    MultiMap form = MultiMap.caseInsensitiveMultiMap();
    fields.forEach(form::add);
    then.accept(form);
  }
}
