package newsdesk.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import newsdesk.testing.TestServer;

/** Shared helpers for the API tests: JSON, story fixtures, problem assertions and a raw HTTP client. */
final class ApiTestSupport {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String STORIES = "/api/v1/stories";
  private static final AtomicInteger SEQ = new AtomicInteger();

  private ApiTestSupport() {}

  static JsonNode json(HttpResponse<String> r) {
    try {
      return JSON.readTree(r.body());
    } catch (IOException e) {
      throw new AssertionError("not JSON: " + r.body(), e);
    }
  }

  static ObjectNode obj() {
    return JSON.createObjectNode();
  }

  /** A headline no other test uses, so tests sharing a server do not collide on slugs. */
  static String uniqueHeadline(String base) {
    return base + " " + SEQ.incrementAndGet() + " " + Long.toString(System.nanoTime(), 36);
  }

  /** Creates a story as the editor and returns its JSON, failing unless the server answers 201. */
  static JsonNode createStory(TestServer server, ObjectNode body) {
    if (!body.has("headline")) body.put("headline", uniqueHeadline("Story"));
    if (!body.has("section")) body.put("section", "world");
    var r = server.editor("POST", STORIES, body.toString());
    assertThat(r.statusCode()).as("create story: %s", r.body()).isEqualTo(201);
    return json(r);
  }

  static JsonNode createLive(TestServer server, boolean published) {
    var b = obj().put("kind", "live").put("headline", uniqueHeadline("Live"));
    if (published) b.put("status", "published");
    return createStory(server, b);
  }

  static JsonNode addEntry(TestServer server, String slug, ObjectNode body) {
    var r = server.editor("POST", STORIES + "/" + slug + "/entries", body.toString());
    assertThat(r.statusCode()).as("add entry: %s", r.body()).isEqualTo(201);
    return json(r);
  }

  /** Asserts an RFC 9457 problem: status, media type, and the members every problem carries. */
  /** A request with a bearer token and, unless null, an If-Match. */
  static HttpResponse<String> send(TestServer server, String method, String path, String body, String token,
      String ifMatch) {
    var b = java.net.http.HttpRequest.newBuilder(URI.create(server.baseUrl() + path))
        .header("Authorization", "Bearer " + token)
        .method(method, body == null ? java.net.http.HttpRequest.BodyPublishers.noBody()
            : java.net.http.HttpRequest.BodyPublishers.ofString(body));
    if (ifMatch != null) b.header("If-Match", ifMatch);
    return TestServer.exchange(b.build());
  }

  static JsonNode assertProblem(HttpResponse<String> r, int status) {
    assertThat(r.statusCode()).as("status of %s", r.body()).isEqualTo(status);
    assertThat(r.headers().firstValue("Content-Type")).as("content type").hasValueSatisfying(ct ->
        assertThat(ct.toLowerCase(Locale.ROOT)).startsWith("application/problem+json"));
    JsonNode p = json(r);
    assertThat(p.path("status").asInt()).isEqualTo(status);
    assertThat(p.path("type").isTextual()).as("type in %s", p).isTrue();
    assertThat(p.path("title").asText()).as("title in %s", p).isNotBlank();
    assertThat(p.path("detail").asText()).as("detail in %s", p).isNotBlank();
    return p;
  }

  /** Asserts a problem that names the input at fault. */
  static JsonNode assertProblem(HttpResponse<String> r, int status, String field) {
    JsonNode p = assertProblem(r, status);
    assertThat(p.path("field").asText(null)).as("field in %s", p).isEqualTo(field);
    return p;
  }

  /** Sends a bodiless request with the Authorization header exactly as given. */
  static HttpResponse<String> withAuthorization(TestServer server, String method, String path, String authorization) {
    var req = java.net.http.HttpRequest.newBuilder(URI.create(server.baseUrl() + path))
        .header("Authorization", authorization)
        .method(method, java.net.http.HttpRequest.BodyPublishers.noBody())
        .build();
    return TestServer.exchange(req);
  }

  /** An HTTP/1.1 exchange over a plain socket, for requests java.net.http refuses to send. */
  record RawResponse(int status, String headers, String body) {
    boolean isProblem() {
      return headers.toLowerCase(Locale.ROOT).contains("content-type: application/problem+json");
    }
  }

  static RawResponse raw(TestServer server, String method, String target, byte[] body, String token) {
    URI base = URI.create(server.baseUrl());
    try (Socket s = new Socket(base.getHost(), base.getPort())) {
      s.setSoTimeout(20_000);
      var head = new StringBuilder()
          .append(method).append(' ').append(target).append(" HTTP/1.1\r\n")
          .append("Host: ").append(base.getHost()).append(':').append(base.getPort()).append("\r\n")
          .append("Connection: close\r\n");
      if (token != null) head.append("Authorization: Bearer ").append(token).append("\r\n");
      if (body != null) {
        head.append("Content-Type: application/json\r\n").append("Content-Length: ").append(body.length).append("\r\n");
      }
      head.append("\r\n");
      OutputStream out = s.getOutputStream();
      out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
      if (body != null) out.write(body);
      out.flush();
      return parse(s.getInputStream());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static RawResponse parse(InputStream in) throws IOException {
    var all = new ByteArrayOutputStream();
    in.transferTo(all);
    String text = all.toString(StandardCharsets.UTF_8);
    int end = text.indexOf("\r\n\r\n");
    assertThat(end).as("a complete response head in %s", text).isPositive();
    String head = text.substring(0, end);
    int status = Integer.parseInt(head.substring(9, 12));
    return new RawResponse(status, head, text.substring(end + 4));
  }
}
