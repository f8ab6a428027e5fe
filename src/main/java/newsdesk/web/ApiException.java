package newsdesk.web;

import newsdesk.http.Problem;
import newsdesk.http.ProblemType;

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
    return new ApiException(Problem.of(ProblemType.UNAUTHORIZED, detail));
  }

  static ApiException forbidden(String detail) {
    return new ApiException(Problem.of(ProblemType.FORBIDDEN, detail));
  }

  static ApiException notFound(String detail) {
    return new ApiException(Problem.of(ProblemType.NOT_FOUND, detail));
  }
}
