package org.takedown.stix;

/** A STIX pattern that does not follow the grammar: where (0-based character offset) and what was expected. */
public class PatternSyntaxException extends RuntimeException {

  private final int offset;
  private final String problem;

  public PatternSyntaxException(int offset, String problem) {
    super("at offset " + offset + ": " + problem);
    this.offset = offset;
    this.problem = problem;
  }

  /** 0-based index of the character where the pattern stops making sense. */
  public int offset() {
    return offset;
  }

  /** What was wrong, without the offset. */
  public String problem() {
    return problem;
  }
}
