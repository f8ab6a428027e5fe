package newsdesk.web;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import newsdesk.content.ContentJson;
import newsdesk.content.EntryInput;
import newsdesk.content.EntryPatch;
import newsdesk.content.StoryInput;
import newsdesk.content.StoryPatch;
import newsdesk.http.Problem;

/**
 * Reads request bodies: a body that is not UTF-8, not JSON, or not one JSON object is a 400; a
 * field of the wrong type or unknown a 422. Jackson's stream limits (nesting depth, number length)
 * bound what a hostile body can cost.
 */
final class ApiJson {
  /** Strict JSON: no trailing content after the object, no key given twice. */
  private static final ObjectReader READER = ContentJson.MAPPER.reader()
      .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .with(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);

  private ApiJson() {}

  /** @param body the raw request body, null when there was none */
  static ObjectNode object(byte[] body, boolean optional) {
    return object(body == null ? null : utf8(body), optional);
  }

  static ObjectNode object(String body, boolean optional) {
    if (body == null || body.isBlank()) {
      if (optional) return ContentJson.MAPPER.createObjectNode();
      throw new ApiException(Problem.badRequest("the request body must be a JSON object"));
    }
    JsonNode n;
    try {
      n = READER.readTree(body);
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      String where = at == null || at.getLineNr() < 1 ? ""
          : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
      throw new ApiException(Problem.badRequest("the request body is not valid JSON: "
          + e.getOriginalMessage() + where));
    }
    if (n == null || !n.isObject()) throw new ApiException(Problem.badRequest("the request body must be a JSON object"));
    return (ObjectNode) n;
  }

  private static String utf8(byte[] body) {
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(body))
          .toString();
    } catch (CharacterCodingException e) {
      throw new ApiException(Problem.badRequest("the request body is not valid UTF-8"));
    }
  }

  static StoryInput storyInput(ObjectNode n) {
    only(n, Set.of("slug", "kind", "headline", "summary", "body", "section", "tags", "authors", "status", "leadImage"));
    return new StoryInput(text(n, "slug"), text(n, "kind"), text(n, "headline"), text(n, "summary"),
        text(n, "body"), text(n, "section"), strings(n, "tags"), strings(n, "authors"), text(n, "status"),
        text(n, "leadImage"));
  }

  static StoryPatch storyPatch(ObjectNode n) {
    if (n.has("status")) {
      throw new ApiException(Problem.invalid("status", "change status with /publish or /retract"));
    }
    only(n, Set.of("headline", "summary", "body", "section", "tags", "authors", "leadImage"));
    return new StoryPatch(text(n, "headline"), text(n, "summary"), text(n, "body"), text(n, "section"),
        strings(n, "tags"), strings(n, "authors"), removable(n, "leadImage"));
  }

  static EntryInput entryInput(ObjectNode n) {
    only(n, Set.of("body", "author", "keyEvent", "pinned", "image"));
    return new EntryInput(text(n, "body"), text(n, "author"), bool(n, "keyEvent"), bool(n, "pinned"), text(n, "image"));
  }

  static EntryPatch entryPatch(ObjectNode n) {
    only(n, Set.of("body", "keyEvent", "pinned", "image"));
    return new EntryPatch(text(n, "body"), bool(n, "keyEvent"), bool(n, "pinned"), removable(n, "image"));
  }

  /** A field a patch may clear: absent is null (leave it), JSON null is "" (remove it), else its string. */
  private static String removable(ObjectNode n, String field) {
    JsonNode v = n.get(field);
    if (v != null && v.isNull()) return "";
    return text(n, field);
  }

  static String text(ObjectNode n, String field) {
    JsonNode v = n.get(field);
    if (v == null || v.isNull()) return null;
    if (!v.isTextual()) throw new ApiException(Problem.invalid(field, field + " must be a string"));
    return v.textValue();
  }

  /** An RFC 3339 date-time (with its offset, as RFC 3339 requires), or null when absent. */
  static java.time.Instant time(ObjectNode n, String field) {
    String v = text(n, field);
    if (v == null) return null;
    try {
      return java.time.OffsetDateTime.parse(v, java.time.format.DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
    } catch (java.time.format.DateTimeParseException e) {
      throw new ApiException(Problem.invalid(field, field + " must be an RFC 3339 date-time with an offset,"
          + " such as 2026-12-01T06:00:00Z or 2026-12-01T07:00:00+01:00"));
    }
  }

  static Boolean bool(ObjectNode n, String field) {
    JsonNode v = n.get(field);
    if (v == null || v.isNull()) return null;
    if (!v.isBoolean()) throw new ApiException(Problem.invalid(field, field + " must be true or false"));
    return v.booleanValue();
  }

  static List<String> strings(ObjectNode n, String field) {
    JsonNode v = n.get(field);
    if (v == null || v.isNull()) return null;
    if (!v.isArray()) throw new ApiException(Problem.invalid(field, field + " must be an array of strings"));
    var out = new ArrayList<String>();
    for (JsonNode item : v) {
      if (!item.isTextual()) throw new ApiException(Problem.invalid(field, field + " must be an array of strings"));
      out.add(item.textValue());
    }
    return out;
  }

  /** Refuses, as a 422 naming it, the first field of {@code n} that is not {@code allowed}. */
  static void only(ObjectNode n, Set<String> allowed) {
    for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!allowed.contains(f)) throw new ApiException(Problem.invalid(f, "unknown field '" + f + "'"));
    }
  }
}
