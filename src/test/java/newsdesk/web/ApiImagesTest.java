package newsdesk.web;

import static newsdesk.web.ApiTestSupport.STORIES;
import static newsdesk.web.ApiTestSupport.assertProblem;
import static newsdesk.web.ApiTestSupport.json;
import static newsdesk.web.ApiTestSupport.obj;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import newsdesk.store.Role;
import newsdesk.testing.TestImages;
import newsdesk.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** Image uploads through the API: what is taken, what each becomes, how it is served, what is refused. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiImagesTest {
  static final String IMAGES = "/api/v1/images";
  @TempDir static Path dir;
  TestServer server;
  String contributor;

  @BeforeAll
  void start() {
    server = TestServer.start(dir, Map.of("images.max-bytes", "400000"));
    contributor = server.app().tokens().create(Role.CONTRIBUTOR, "photo desk").secret();
  }

  @AfterAll
  void stop() {
    if (server != null) server.close();
  }

  HttpResponse<String> upload(byte[] bytes, String alt, String token, String contentType) {
    String target = server.baseUrl() + IMAGES + (alt == null ? "" : "?alt=" + URLEncoder.encode(alt, StandardCharsets.UTF_8));
    var b = HttpRequest.newBuilder(URI.create(target)).header("Content-Type", contentType)
        .POST(HttpRequest.BodyPublishers.ofByteArray(bytes));
    if (token != null) b.header("Authorization", "Bearer " + token);
    return TestServer.exchange(b.build());
  }

  JsonNode uploaded(byte[] bytes, String alt) {
    var r = upload(bytes, alt, server.editorToken(), "application/octet-stream");
    assertThat(r.statusCode()).as("upload: %s", r.body()).isEqualTo(201);
    return json(r);
  }

  HttpResponse<byte[]> fetch(String url) {
    try {
      return TestServer.http().send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** Each rendition: served immutable with its type, and decoding to the size the API says. */
  List<BufferedImage> renditions(JsonNode image, String type) {
    var out = new ArrayList<BufferedImage>();
    for (JsonNode r : image.path("renditions")) {
      assertThat(r.path("url").asText()).matches(server.baseUrl() + "/images/[0-9a-f]{64}\\." + (type.equals("image/png") ? "png" : "jpg"));
      var got = fetch(r.path("url").asText());
      assertThat(got.statusCode()).isEqualTo(200);
      assertThat(got.headers().firstValue("Content-Type")).hasValue(type);
      assertThat(got.headers().firstValue("Cache-Control")).hasValue("public, max-age=31536000, immutable");
      BufferedImage img = TestImages.read(got.body());
      assertThat(img.getWidth()).isEqualTo(r.path("width").asInt());
      assertThat(img.getHeight()).isEqualTo(r.path("height").asInt());
      out.add(img);
    }
    return out;
  }

  static List<Integer> widths(JsonNode image) {
    var out = new ArrayList<Integer>();
    image.path("renditions").forEach(r -> out.add(r.path("width").asInt()));
    return out;
  }

  @Test
  void aJpegIsResizedToEachWidthAndServedImmutable() {
    var r = upload(TestImages.jpeg(2000, 1000), "Flood water over the quay at dusk", contributor, "image/jpeg");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    JsonNode img = json(r);
    assertThat(r.headers().firstValue("Location")).hasValue(IMAGES + "/" + img.path("id").asText());
    assertThat(img.path("alt").asText()).isEqualTo("Flood water over the quay at dusk");
    assertThat(img.path("width").asInt()).isEqualTo(2000);
    assertThat(img.path("height").asInt()).isEqualTo(1000);
    assertThat(widths(img)).containsExactly(320, 640, 1024, 1600);
    assertThat(renditions(img, "image/jpeg")).extracting(BufferedImage::getHeight).containsExactly(160, 320, 512, 800);
    assertThat(img.path("src").asText()).isEqualTo(img.path("renditions").get(3).path("url").asText());
    assertThat(img.path("srcset").asText()).contains(" 320w, ").endsWith(" 1600w");

    var again = upload(TestImages.jpeg(2000, 1000), "Flood water over the quay at dusk", contributor, "image/jpeg");
    assertThat(json(again).path("id").asText()).as("the same bytes and alt are the same image").isEqualTo(img.path("id").asText());
    var record = server.send("GET", IMAGES + "/" + img.path("id").asText(), null, contributor);
    assertThat(record.statusCode()).isEqualTo(200);
    assertThat(json(record).path("srcset").asText()).isEqualTo(img.path("srcset").asText());
  }

  @Test
  void aSmallPngKeepsItsTransparencyAndIsNeverUpscaled() {
    JsonNode img = uploaded(TestImages.png(500, 300, true), "A chart of river levels");
    assertThat(widths(img)).containsExactly(320, 500);
    List<BufferedImage> got = renditions(img, "image/png");
    assertThat(got.get(1).getColorModel().hasAlpha()).isTrue();
    assertThat(got.get(1).getRGB(10, 10) >>> 24).as("the transparent half stays transparent").isZero();
    assertThat(got.get(1).getRGB(490, 10) >>> 24).isEqualTo(0xff);

    JsonNode tiny = uploaded(TestImages.png(200, 100, false), "A small badge");
    assertThat(widths(tiny)).containsExactly(200);
  }

  @Test
  void aWebpBecomesJpegOrPngWithTransparency() {
    JsonNode opaque = uploaded(TestImages.WEBP_700X400, "Red and blue halves");
    assertThat(widths(opaque)).containsExactly(320, 640, 700);
    BufferedImage large = renditions(opaque, "image/jpeg").get(2);
    assertThat(new java.awt.Color(large.getRGB(100, 200)).getRed()).isGreaterThan(150);
    assertThat(new java.awt.Color(large.getRGB(600, 200)).getBlue()).isGreaterThan(150);

    JsonNode alpha = uploaded(TestImages.WEBP_700X400_ALPHA, "A half-transparent banner");
    BufferedImage banner = renditions(alpha, "image/png").get(2);
    assertThat(banner.getRGB(600, 200) >>> 24).isZero();
    assertThat(banner.getRGB(100, 200) >>> 24).isEqualTo(0xff);
  }

  @Test
  void exifIsStrippedAndItsOrientationApplied() {
    byte[] photo = TestImages.jpegWithExif(400, 300);
    assertThat(TestImages.contains(photo, "Exif".getBytes(StandardCharsets.US_ASCII))).isTrue();
    JsonNode img = uploaded(photo, "A lighthouse, photographed on its side");
    assertThat(img.path("width").asInt()).as("orientation 6: shown rotated").isEqualTo(300);
    assertThat(img.path("height").asInt()).isEqualTo(400);
    for (JsonNode r : img.path("renditions")) {
      byte[] bytes = fetch(r.path("url").asText()).body();
      assertThat(TestImages.contains(bytes, "Exif".getBytes(StandardCharsets.US_ASCII))).as("no EXIF in %s", r).isFalse();
      assertThat(TestImages.contains(bytes, new byte[] {(byte) 0xff, (byte) 0xe1})).as("no APP1 in %s", r).isFalse();
    }
  }

  @Test
  void whatIsNotAJpegPngOrWebpIsRefusedWhateverItsContentTypeSays() {
    assertProblem(upload(TestImages.gif(400, 300), "A GIF", contributor, "image/jpeg"), 415);
    assertProblem(upload("<svg xmlns='http://www.w3.org/2000/svg'/>".getBytes(StandardCharsets.UTF_8), "An SVG",
        contributor, "image/png"), 415);
    var png = upload(TestImages.png(400, 300, false), "A PNG sent as a JPEG", contributor, "image/jpeg");
    assertThat(png.statusCode()).as("told by its bytes, not its Content-Type").isEqualTo(201);
    assertThat(json(png).path("renditions").get(0).path("type").asText()).isEqualTo("image/png");
    var asCurlSends = upload(TestImages.jpeg(400, 300), "Sent as curl --data-binary does", contributor,
        "application/x-www-form-urlencoded");
    assertThat(asCurlSends.statusCode()).as("no form decoding of an image: %s", asCurlSends.body()).isEqualTo(201);
  }

  @Test
  void truncatedAndDamagedImagesAreRefused() {
    byte[] png = TestImages.png(800, 600, false);
    assertThat(assertProblem(upload(Arrays.copyOf(png, png.length / 2), "Half a PNG", contributor, "image/png"), 422)
        .path("type").asText()).endsWith("/problems/invalid-image");
    byte[] jpeg = TestImages.jpeg(800, 600);
    assertThat(assertProblem(upload(Arrays.copyOf(jpeg, jpeg.length / 2), "Half a JPEG", contributor, "image/jpeg"), 422)
        .path("type").asText()).endsWith("/problems/invalid-image");
    byte[] webp = TestImages.WEBP_700X400;
    assertProblem(upload(Arrays.copyOf(webp, 40), "The start of a WebP", contributor, "image/webp"), 422);
    assertProblem(upload(Arrays.copyOf(jpeg, 3), "Three bytes", contributor, "image/jpeg"), 422);
  }

  @Test
  void aHugeImageIsRefusedFromItsHeaderAlone() {
    byte[] bomb = TestImages.pngHeaderOnly(30_000, 30_000);
    assertThat(bomb.length).isLessThan(100);
    JsonNode p = assertProblem(upload(bomb, "A decompression bomb", contributor, "image/png"), 413);
    assertThat(p.path("detail").asText()).contains("30000 × 30000");
    assertProblem(upload(TestImages.pngHeaderOnly(12_001, 10), "Too wide", contributor, "image/png"), 413);
  }

  @Test
  void anUploadOverTheByteLimitIsRefused() {
    byte[] big = new byte[400_001];
    System.arraycopy(TestImages.jpeg(10, 10), 0, big, 0, 3);
    assertProblem(upload(big, "Too many bytes", contributor, "image/jpeg"), 413);
    assertThat(upload(TestImages.jpeg(1200, 800), "Under the limit", contributor, "image/jpeg").statusCode()).isEqualTo(201);
  }

  @Test
  void altTextIsRequired() {
    byte[] jpeg = TestImages.jpeg(400, 300);
    assertProblem(upload(jpeg, null, contributor, "image/jpeg"), 422, "alt");
    assertProblem(upload(jpeg, "   ", contributor, "image/jpeg"), 422, "alt");
    assertProblem(upload(jpeg, "x".repeat(1_001), contributor, "image/jpeg"), 422, "alt");
    assertProblem(upload(jpeg, "two\nlines", contributor, "image/jpeg"), 422, "alt");
    assertProblem(upload(new byte[0], "Nothing", contributor, "image/jpeg"), 422, "image");
  }

  @Test
  void uploadsNeedAToken() {
    assertProblem(upload(TestImages.jpeg(400, 300), "No token", null, "image/jpeg"), 401);
    assertProblem(upload(TestImages.jpeg(400, 300), "Bad token", "nd_unknown", "image/jpeg"), 401);
  }

  @Test
  void aRenditionIsServedOnceThenRevalidatedByItsHash() {
    JsonNode img = uploaded(TestImages.jpeg(700, 500), "A tram in the snow");
    String url = img.path("renditions").get(0).path("url").asText();
    var first = fetch(url);
    String etag = first.headers().firstValue("ETag").orElseThrow();
    var again = TestServer.exchange(HttpRequest.newBuilder(URI.create(url)).header("If-None-Match", etag).build());
    assertThat(again.statusCode()).isEqualTo(304);
    assertThat(fetch(server.baseUrl() + "/images/" + "0".repeat(64) + ".jpg").statusCode()).isEqualTo(404);
    assertThat(fetch(server.baseUrl() + "/images/..%2F..%2Fnewsdesk.db").statusCode()).isEqualTo(404);
  }

  @Test
  void aStoryAndAnEntryCarryTheirImages() {
    JsonNode lead = uploaded(TestImages.jpeg(1800, 1000), "Lifeboat crews at the harbour wall");
    var created = server.editor("POST", STORIES, obj().put("headline", "Harbour wall holds").put("section", "city")
        .put("status", "published").put("leadImage", lead.path("id").asText()).toString());
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    JsonNode story = json(created);
    assertThat(story.path("leadImage").path("srcset").asText()).isEqualTo(lead.path("srcset").asText());
    assertThat(story.path("leadImage").path("alt").asText()).isEqualTo("Lifeboat crews at the harbour wall");

    assertProblem(server.editor("POST", STORIES, obj().put("headline", "No such image").put("section", "city")
        .put("leadImage", "0".repeat(32)).toString()), 422, "leadImage");
    String slug = story.path("slug").asText();
    assertProblem(server.editor("PATCH", STORIES + "/" + slug, obj().put("leadImage", "../etc").toString()), 422, "leadImage");
    var removed = server.editor("PATCH", STORIES + "/" + slug, obj().putNull("leadImage").toString());
    assertThat(json(removed).has("leadImage")).isFalse();
    JsonNode versions = json(server.editor("GET", STORIES + "/" + slug + "/versions", null)).path("items");
    assertThat(versions.get(0).path("changed").toString()).as("the history says what changed").isEqualTo("[\"leadImage\"]");
    var back = server.editor("PATCH", STORIES + "/" + slug, obj().put("leadImage", lead.path("id").asText()).toString());
    assertThat(json(back).path("leadImage").path("id").asText()).isEqualTo(lead.path("id").asText());

    JsonNode live = ApiTestSupport.createLive(server, true);
    JsonNode entryImage = uploaded(TestImages.png(640, 480, false), "The scoreboard at half time");
    JsonNode entry = ApiTestSupport.addEntry(server, live.path("slug").asText(),
        obj().put("body", "Half time.").put("image", entryImage.path("id").asText()));
    assertThat(entry.path("image").path("src").asText()).isEqualTo(entryImage.path("src").asText());
    assertProblem(server.editor("POST", STORIES + "/" + live.path("slug").asText() + "/entries",
        obj().put("body", "x").put("image", "nope").toString()), 422, "image");
  }

  @Test
  void aReaderPageShowsTheLeadImageWithSrcsetAndNamesItInOgImageAndJsonLd() throws Exception {
    JsonNode lead = uploaded(TestImages.jpeg(1700, 900), "Crowds on the \"new\" bridge <at> noon");
    var created = json(server.editor("POST", STORIES, obj().put("headline", "Bridge opens to crowds").put("section", "city")
        .put("status", "published").put("leadImage", lead.path("id").asText()).toString()));
    var page = server.send("GET", "/stories/" + created.path("slug").asText(), null, null);
    assertThat(page.statusCode()).isEqualTo(200);
    String html = page.body();
    String src = lead.path("src").asText();
    assertThat(html).contains("<img src=\"" + src + "\" srcset=\"" + lead.path("srcset").asText() + "\" sizes=\"")
        .contains("alt=\"Crowds on the &quot;new&quot; bridge &lt;at&gt; noon\"")
        .contains("width=\"1600\" height=\"847\"")
        .contains("<meta property=\"og:image\" content=\"" + src + "\">");
    String ld = html.split("<script type=\"application/ld\\+json\">", 2)[1].split("</script>", 2)[0];
    JsonNode jsonLd = ApiTestSupport.JSON.readTree(ld);
    assertThat(jsonLd.path("image").get(0).path("url").asText()).isEqualTo(src);
    assertThat(jsonLd.path("image").get(0).path("width").asInt()).isEqualTo(1600);

    JsonNode live = ApiTestSupport.createLive(server, true);
    JsonNode shot = uploaded(TestImages.jpeg(900, 600), "The finish line");
    ApiTestSupport.addEntry(server, live.path("slug").asText(), obj().put("body", "Over the line.").put("image", shot.path("id").asText()));
    String livePage = server.send("GET", "/stories/" + live.path("slug").asText(), null, null).body();
    assertThat(livePage).contains("srcset=\"" + shot.path("srcset").asText() + "\"").contains("alt=\"The finish line\"")
        .contains("loading=\"lazy\"");
    assertThat(livePage).doesNotContain("og:image").as("a live blog without a lead image names none");
  }
}
