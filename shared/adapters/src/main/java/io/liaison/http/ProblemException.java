package io.liaison.http;

/** Stops reading an HTTP request that cannot be served; {@link HttpApi} answers with the problem. */
public final class ProblemException extends RuntimeException {
    private final transient Problem problem;

    public ProblemException(Problem problem) {
        super(problem.title(), null, false, false);
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }
}
