package newsdesk.http;

/**
 * A refusal to send as its {@link Problem}, for handlers outside the web package (the push
 * routes); the router's one failure handler turns it into the response.
 */
public final class ProblemException extends RuntimeException {
  private final Problem problem;

  public ProblemException(Problem problem) {
    super(problem.detail(), null, false, false);
    this.problem = problem;
  }

  public Problem problem() {
    return problem;
  }
}
