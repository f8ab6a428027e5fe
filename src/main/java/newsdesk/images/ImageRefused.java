package newsdesk.images;

import newsdesk.http.Problem;
import newsdesk.http.ProblemException;
import newsdesk.http.ProblemType;

/** The refusals of an upload, each a 4xx problem. */
final class ImageRefused {
  private ImageRefused() {}

  static ProblemException unsupported() {
    return new ProblemException(Problem.of(ProblemType.UNSUPPORTED_MEDIA_TYPE,
        "send a JPEG, PNG or WebP image; these bytes are none of them"));
  }

  static ProblemException tooLarge(String detail) {
    return new ProblemException(Problem.of(ProblemType.TOO_LARGE, detail));
  }

  static ProblemException damaged(String why) {
    return new ProblemException(Problem.of(ProblemType.INVALID_IMAGE,
        "the image cannot be read whole (" + why + "): it may be truncated or damaged"));
  }

  static ProblemException invalid(String field, String detail) {
    return new ProblemException(Problem.invalid(field, detail));
  }

  static ProblemException busy() {
    return new ProblemException(new Problem(ProblemType.AT_CAPACITY, 503,
        "the server is resizing as many images as it may at once; try again shortly", null, 2));
  }
}
