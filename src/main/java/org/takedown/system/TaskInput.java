package org.takedown.system;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks the variables a user task is completed with, from its complete listener. Forms, REST
 * clients and action links all end here, so a bad value is refused by the engine for all of them;
 * the REST API answers 400 with the message, Tasklist shows it. The message is one plain sentence
 * for the person who filled the form (no task or variable ids); the field names stay in the
 * problems, for REST clients.
 */
public final class TaskInput {

  private static final Logger log = LoggerFactory.getLogger(TaskInput.class);

  /** What the forms call the variables, to name them in sentences. */
  private static final Map<String, String> LABELS = Map.ofEntries(
      Map.entry("triageDecision", "The triage decision"),
      Map.entry("mergeInto", "The operation to merge into"),
      Map.entry("countries", "The affected countries"),
      Map.entry("triageNote", "The triage note"),
      Map.entry("vendorMessage", "The message to the vendor"),
      Map.entry("legalDecision", "The legal decision"),
      Map.entry("legalBasis", "The legal basis"),
      Map.entry("infoRequest", "The information request"),
      Map.entry("releaseTlp", "The release TLP"),
      Map.entry("assignmentResponse", "The response"),
      Map.entry("responseNote", "The note"),
      Map.entry("escalationDecision", "The decision"),
      Map.entry("evidenceItems", "The evidence items"),
      Map.entry("receiptConfirmed", "The receipt confirmation"),
      Map.entry("reportedSha256", "The reported SHA-256 hashes"),
      Map.entry("quarantineDecision", "The decision on the quarantined evidence"),
      Map.entry("quarantineReason", "The reason for the decision"),
      Map.entry("outcomeSummary", "The outcome summary"),
      Map.entry("outcomes", "The results per country"));

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
      throw refuse(task, sentence(e.problems()), e.problems());
    }
  }

  /** Refuses the variable; the sentence names it as the form does, e.g. "The legal basis is required." */
  public static Refused invalid(DelegateTask task, String name, String message) {
    return invalid(task, name, message, label(name) + " " + message + ".");
  }

  /** Refuses the variable with a sentence of the caller's own, e.g. "Give the legal basis for the approval." */
  public static Refused invalid(DelegateTask task, String name, String message, String sentence) {
    return refuse(task, sentence, List.of(new InvalidInputException.FieldProblem(name, message)));
  }

  /**
   * The one log line of a refusal (WARN, no stack trace: the input was wrong, not the product);
   * {@link RefusalLogFilter} keeps the engine and its REST layers from logging it again.
   */
  private static Refused refuse(DelegateTask task, String sentence, List<InvalidInputException.FieldProblem> problems) {
    Refused refused = new Refused(sentence, problems);
    log.warn("Refused input on {} of {}: {} {}", task.getTaskDefinitionKey(), task.getExecution() == null ? "?"
        : task.getExecution().getProcessBusinessKey(), sentence.replaceAll("\\p{Cntrl}", " "), problems.stream().map(InvalidInputException.FieldProblem::field).toList());
    Refusals.record(refused);
    return refused;
  }

  /** The problems as sentences; a field like countries[2] is named by its variable. */
  static String sentence(List<InvalidInputException.FieldProblem> problems) {
    StringBuilder text = new StringBuilder();
    for (InvalidInputException.FieldProblem problem : problems) {
      String field = problem.field().replaceAll("\\[.*$", "");
      String message = problem.message();
      if (!text.isEmpty()) {
        text.append(' ');
      }
      text.append(message.startsWith("'") ? label(field) + ": " + message : label(field) + " " + message);
      text.append(message.endsWith(".") || message.endsWith("?") ? "" : ".");
    }
    return text.toString();
  }

  static String label(String name) {
    return LABELS.getOrDefault(name, "This value");
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
