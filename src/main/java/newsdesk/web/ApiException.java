package newsdesk.web;

import newsdesk.http.Problem;

/** A request refused at the HTTP edge (auth, malformed body); carries the problem to send. */
final class ApiException extends RuntimeException {
  private final Problem problem;

  ApiException(Problem problem) {
    super(problem.detail(), null, false, false);
    this.problem = problem;
  }

  Problem problem() {
    return problem;
  }

  static ApiException unauthorized(String detail) {
    return new ApiException(new Problem(401, "/problems/unauthorized", "Unauthorized", detail, null));
  }

  static ApiException forbidden(String detail) {
    return new ApiException(new Problem(403, "/problems/forbidden", "Forbidden", detail, null));
  }

  static ApiException notFound(String detail) {
    return new ApiException(new Problem(404, "/problems/not-found", "Not found", detail, null));
  }
}
