package org.takedown.system;

import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;

/**
 * Checks the variables a user task is completed with, from its complete listener. Forms, REST
 * clients and action links all end here, so a bad value is refused by the engine for all of them;
 * the REST API answers 400 with the message, Tasklist shows it.
 */
public final class TaskInput {

  private TaskInput() {}

  public static String oneOf(DelegateTask task, String name, String... allowed) {
    Object value = task.getVariable(name);
    if (value == null || !Arrays.asList(allowed).contains(String.valueOf(value))) {
      throw invalid(task, name, "must be one of " + String.join(", ", allowed) + (value == null ? "" : ", not '" + value + "'"));
    }
    return String.valueOf(value);
  }

  /** Optional text; blank becomes null; too long, or text {@link Text} refuses, is refused. */
  public static String text(DelegateTask task, String name, int maxLength) {
    Object value = task.getVariable(name);
    if (value == null || String.valueOf(value).isBlank()) {
      return null;
    }
    String text = String.valueOf(value).trim();
    if (text.length() > maxLength) {
      throw invalid(task, name, "must be at most " + maxLength + " characters");
    }
    String problem = Text.problem(text, false);
    if (problem != null) {
      throw invalid(task, name, problem);
    }
    return text;
  }

  public static String requiredText(DelegateTask task, String name, int maxLength) {
    String text = text(task, name, maxLength);
    if (text == null) {
      throw invalid(task, name, "is required");
    }
    return text;
  }

  /** Runs a parser that reports bad input as {@link InvalidInputException}, as a refusal of the task. */
  public static <T> T parse(DelegateTask task, Supplier<T> parser) {
    try {
      return parser.get();
    } catch (InvalidInputException e) {
      throw new Refused(task.getTaskDefinitionKey() + ": " + e.getMessage(), e.problems());
    }
  }

  public static Refused invalid(DelegateTask task, String name, String message) {
    return new Refused(task.getTaskDefinitionKey() + ": " + name + " " + message,
        List.of(new InvalidInputException.FieldProblem(name, message)));
  }

  /** The engine refuses to complete the task; nothing of the completion is stored. */
  public static class Refused extends FormFieldValidationException {
    public Refused(String message, List<InvalidInputException.FieldProblem> problems) {
      super(problems, message);
    }

    /** The refusal behind an exception, however the engine wrapped it; null when there is none. */
    public static Refused in(Throwable thrown) {
      for (Throwable cause = thrown; cause != null; cause = cause.getCause()) {
        if (cause instanceof Refused refused) {
          return refused;
        }
      }
      return null;
    }
  }
}
