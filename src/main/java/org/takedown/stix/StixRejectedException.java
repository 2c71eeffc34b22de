package org.takedown.stix;

import java.util.List;
import org.takedown.system.InvalidInputException;

/**
 * A bundle that cannot be taken, with every problem found. It is an {@link InvalidInputException}
 * (field = JSON pointer) so the existing problem+json handler already answers it; {@link #kind()}
 * tells the HTTP layer which status fits.
 */
public class StixRejectedException extends InvalidInputException {

  public enum Kind {
    /** Not UTF-8, not JSON, truncated, a key given twice: 400. */
    MALFORMED(400),
    /** A spec_version other than 2.1 or 2.0: 422, the message names the supported versions. */
    UNSUPPORTED_VERSION(422),
    /** More objects than allowed, or nested too deep: 413. */
    TOO_LARGE(413),
    /** Valid JSON that is not a valid STIX bundle: 422. */
    INVALID(422),
    /**
     * A valid bundle with nothing to act on: no object at all, or no indicator or cyber-observable of which anything
     * could be taken (the problems say why each was not): 400, as a simple tip without indicators.
     */
    NOTHING_TO_ACT_ON(400);

    private final int status;

    Kind(int status) {
      this.status = status;
    }

    public int suggestedStatus() {
      return status;
    }
  }

  private final Kind kind;
  private final List<StixProblem> stixProblems;

  public StixRejectedException(Kind kind, List<StixProblem> problems) {
    super(problems.stream().map(p -> new FieldProblem(p.pointer().isEmpty() ? "bundle" : p.pointer(),
        (p.objectId() == null ? "" : p.objectId() + ": ") + p.property() + " " + p.message())).toList());
    this.kind = kind;
    this.stixProblems = List.copyOf(problems);
  }

  StixRejectedException(Kind kind, String pointer, String property, String message) {
    this(kind, List.of(new StixProblem(null, pointer, property, message)));
  }

  public Kind kind() {
    return kind;
  }

  public List<StixProblem> stixProblems() {
    return stixProblems;
  }
}
