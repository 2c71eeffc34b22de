package org.takedown.system;

import java.util.List;

/** Input that cannot be accepted; carries every problem so the caller can fix them in one go. */
public class InvalidInputException extends RuntimeException {

  private final List<FieldProblem> problems;

  public InvalidInputException(List<FieldProblem> problems) {
    super(summary(problems));
    this.problems = List.copyOf(problems);
  }

  public InvalidInputException(String field, String message) {
    this(List.of(new FieldProblem(field, message)));
  }

  public List<FieldProblem> problems() {
    return problems;
  }

  private static String summary(List<FieldProblem> problems) {
    StringBuilder text = new StringBuilder();
    for (FieldProblem p : problems) {
      if (!text.isEmpty()) {
        text.append("; ");
      }
      text.append(p.field()).append(": ").append(p.message());
    }
    return text.toString();
  }

  public record FieldProblem(String field, String message) {}
}
