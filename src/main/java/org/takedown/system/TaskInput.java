package org.takedown.system;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
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
      Map.entry("joinOperation", "The operation to join"),
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
      Map.entry("outcomes", "The results per country"),
      Map.entry("resultsComplete", "The confirmation that your results are complete"),
      Map.entry("resultsDecision", "The decision on the missing results"),
      Map.entry("resultsDecisionNote", "The note on the decision"));

  /** The types a form sends for a variable, as Camunda's REST API names them. */
  public enum Kind {
    /** A text field, text area, radio group or select: String. */
    TEXT("String"),
    /** A checkbox: Boolean. */
    BOOLEAN("Boolean"),
    /** A tag list, check list, or structured text: Json (JSON text), or String. */
    JSON("Json");

    private final String type;

    Kind(String type) {
      this.type = type;
    }

    public String type() {
      return type;
    }

    /**
     * What is wrong with a value of this kind, given as {"type": type, "value": value} (type in lower case, null when
     * left out: Camunda then takes the JSON value's own type); null when nothing is.
     */
    public String problem(String type, com.fasterxml.jackson.databind.JsonNode value) {
      boolean none = value == null || value.isNull();
      if (type == null) {
        if (none) {
          return null;
        }
        return switch (this) {
          case TEXT, JSON -> value.isTextual() ? null : "must be text, not " + shape(value);
          case BOOLEAN -> value.isBoolean() ? null : "must be true or false, not " + shape(value);
        };
      }
      if ("null".equals(type)) {
        // A Null variable has no type the form declares; an empty field is the declared type with no value.
        return "must be of type " + this.type + ", not Null; to leave it empty, send {\"value\": null, \"type\": \"" + this.type + "\"}";
      }
      String refused = switch (type) {
        case "object" -> "is a serialised Object: Java-serialised objects are not accepted, nor XML- or JSON-serialised ones";
        case "file", "bytes" -> "is a " + type.substring(0, 1).toUpperCase(Locale.ROOT) + type.substring(1)
            + " variable; File and Bytes variables are not accepted";
        default -> null;
      };
      if (refused != null) {
        return refused + "; send it as type " + this.type;
      }
      boolean allowed = switch (this) {
        case TEXT -> "string".equals(type);
        case BOOLEAN -> "boolean".equals(type);
        case JSON -> "json".equals(type) || "string".equals(type);
      };
      if (!allowed) {
        return "must be of type " + (this == JSON ? "Json or String" : this.type) + ", not " + type;
      }
      if (!none && !value.isTextual() && this != BOOLEAN) {
        return "must be text" + (this == JSON ? " (JSON text, e.g. \"[\\\"DE\\\"]\")" : "") + ", not " + shape(value);
      }
      if (!none && this == BOOLEAN && !value.isBoolean()) {
        return "must be true or false, not " + shape(value);
      }
      return null;
    }

    private static String shape(com.fasterxml.jackson.databind.JsonNode value) {
      return value.isNumber() ? "a number" : value.isBoolean() ? "true or false" : value.isArray() ? "a list"
          : value.isObject() ? "an object" : "text";
    }
  }

  /** The variables each user task's form declares, with the types it sends (bpmn/forms/*.form). */
  private static final Map<String, Map<String, Kind>> DECLARED = Map.ofEntries(Map.entry(
      "Task_TriageTip", declare("triageDecision", Kind.TEXT, "mergeInto", Kind.TEXT, "joinOperation", Kind.TEXT, "countries", Kind.JSON,
          "triageNote", Kind.TEXT, "vendorMessage", Kind.TEXT)),
      Map.entry("Task_LegalReview", declare("legalDecision", Kind.TEXT, "legalBasis", Kind.TEXT, "infoRequest", Kind.TEXT, "releaseTlp", Kind.TEXT)),
      Map.entry("Task_SecondLegalApproval", declare("legalDecision", Kind.TEXT, "legalBasis", Kind.TEXT)),
      Map.entry("Task_RespondToAssignment", declare("assignmentResponse", Kind.TEXT, "responseNote", Kind.TEXT)),
      Map.entry("Task_ResolveAssignment", declare("escalationDecision", Kind.TEXT)),
      Map.entry("Task_PrepareEvidencePackage", declare("evidenceItems", Kind.JSON)),
      Map.entry("Task_ConfirmReceipt", declare("receiptConfirmed", Kind.BOOLEAN, "reportedSha256", Kind.JSON)),
      Map.entry("Task_DecideQuarantine", declare("quarantineDecision", Kind.TEXT, "quarantineReason", Kind.TEXT)),
      Map.entry("Task_ReportResults", declare("resultsComplete", Kind.BOOLEAN)),
      Map.entry("Task_ResolveResults", declare("resultsDecision", Kind.TEXT, "resultsDecisionNote", Kind.TEXT)),
      Map.entry("Task_RecordOutcome", declare("outcomeSummary", Kind.TEXT, "outcomes", Kind.JSON)));

  private static Map<String, Kind> declare(Object... nameKinds) {
    Map<String, Kind> declared = new java.util.LinkedHashMap<>();
    for (int i = 0; i < nameKinds.length; i += 2) {
      declared.put((String) nameKinds[i], (Kind) nameKinds[i + 1]);
    }
    return java.util.Collections.unmodifiableMap(declared);
  }

  /** The variables the form of a user task declares, in the form's order; none for a task without a form. */
  public static Map<String, Kind> declared(String taskKey) {
    return DECLARED.getOrDefault(taskKey, Map.of());
  }

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
