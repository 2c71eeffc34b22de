package org.takedown.system;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Execution;
import org.camunda.bpm.engine.task.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.UrlPathHelper;

/**
 * The engine's REST APIs (/engine-rest, and /camunda/api/engine behind Tasklist) take task and process variables only
 * as the task's form declares them ({@link TaskInput#declared}): the names of the form, with the types it sends. A
 * stray name, a serialised Object, a File, Bytes, Xml or Date variable, a number where text belongs, Json that is not
 * JSON and a key given twice in the body are refused with 400 naming the variable, before the engine sees the request,
 * so nothing is stored. The engine would otherwise store them (and the last of two equal keys would win).
 */
@Component
class EngineInput extends OncePerRequestFilter {

  private static final Logger log = LoggerFactory.getLogger(EngineInput.class);
  /** Completing a task; setting its variables; setting variables of a process instance or execution. */
  /** /engine-rest, and the same API behind the webapps. */
  static final String PREFIX = "^(?:/engine-rest(?:/engine/[^/]+)?|/camunda/api/engine/engine/[^/]+)";
  private static final Pattern ADDRESS = Pattern.compile(PREFIX
      + "/(?<resource>task|process-instance|execution)/(?<id>[^/]+)"
      + "/(?<what>complete|submit-form|resolve|variables|localVariables)(?:/(?<name>[^/]+)(?<data>/data)?)?/?$");
  private static final int MAX_BODY = 4 * 1024 * 1024;
  private static final int MAX_TEXT = 4_000;
  static final ObjectMapper STRICT = new ObjectMapper()
      .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final TaskService tasks;
  private final RuntimeService runtime;

  EngineInput(TaskService tasks, RuntimeService runtime) {
    this.tasks = tasks;
    this.runtime = runtime;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    String method = request.getMethod();
    return !("POST".equals(method) || "PUT".equals(method) || "DELETE".equals(method)) || !ADDRESS.matcher(path(request)).matches();
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    Matcher address = ADDRESS.matcher(path(request));
    address.matches();
    boolean webapp = path(request).startsWith("/camunda/");
    String resource = address.group("resource");
    String what = address.group("what");
    String name = address.group("name");
    boolean setting = what.endsWith("ariables");
    boolean data = address.group("data") != null;
    if ("DELETE".equals(request.getMethod())) {
      deletion(request, response, chain, resource, address.group("id"), setting && !data ? name : null, webapp);
      return;
    }
    String takes = !setting ? (name == null ? "POST" : null) : name == null || data ? "POST" : "PUT";
    if (!request.getMethod().equals(takes)) {
      chain.doFilter(request, response); // not an address that takes variables; the engine answers it
      return;
    }
    if (!data && (request.getContentType() == null || !request.getContentType().toLowerCase(Locale.ROOT).contains("json"))) {
      chain.doFilter(request, response); // not JSON: the engine answers 415
      return;
    }
    Map<String, TaskInput.Kind> declared = declared(resource, address.group("id"));
    if (declared == null) {
      chain.doFilter(request, response); // no such task or instance (or not visible): the engine answers 404 or 403
      return;
    }
    if (data) {
      refuse(request, response, webapp, List.of(new InvalidInputException.FieldProblem(name,
          "is not accepted as a file or binary upload; File and Bytes variables are refused")));
      return;
    }
    byte[] body = request.getInputStream().readNBytes(MAX_BODY + 1);
    if (body.length > MAX_BODY) {
      refuse(request, response, webapp, List.of(new InvalidInputException.FieldProblem("body", "is larger than 4 MB")));
      return;
    }
    List<InvalidInputException.FieldProblem> problems = new ArrayList<>();
    try {
      Utf8.decode(body); // JSON parsers decode an overlong "/" leniently
    } catch (Utf8.Malformed e) {
      refuse(request, response, webapp, List.of(new InvalidInputException.FieldProblem("body", Text.NOT_UTF8)));
      return;
    }
    try {
      JsonNode root = body.length == 0 ? null : STRICT.readTree(body);
      if (name != null) {
        check(name, root, declared, problems);
      } else if (root != null && root.isObject()) {
        List<String> fields = setting ? List.of("modifications", "deletions") : List.of("variables", "withVariablesInReturn");
        root.fieldNames().forEachRemaining(field -> {
          if (!fields.contains(field)) {
            problems.add(new InvalidInputException.FieldProblem(field, "is not a field of this request; it takes " + String.join(" and ", fields)));
          }
        });
        JsonNode variables = root.get(setting ? "modifications" : "variables");
        if (variables != null && variables.isObject()) {
          for (Iterator<Map.Entry<String, JsonNode>> it = variables.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> variable = it.next();
            check(variable.getKey(), variable.getValue(), declared, problems);
          }
        }
        JsonNode deletions = root.get("deletions");
        if (setting && deletions != null && deletions.isArray()) {
          deletions.forEach(deleted -> {
            if (!declared.containsKey(deleted.asText())) {
              problems.add(new InvalidInputException.FieldProblem(deleted.asText(), stray(declared)));
            }
          });
        }
      }
    } catch (JacksonException e) {
      problems.add(bodyProblem(e));
    }
    if (!problems.isEmpty()) {
      refuse(request, response, webapp, problems);
      return;
    }
    chain.doFilter(new ReplayedBody(request, body, StandardCharsets.UTF_8), response);
  }

  /** A variable is deleted only where it could be set: one the form declares (the title or the vendor never). */
  private void deletion(HttpServletRequest request, HttpServletResponse response, FilterChain chain, String resource, String id,
      String name, boolean webapp) throws ServletException, IOException {
    Map<String, TaskInput.Kind> declared = name == null ? null : declared(resource, id);
    if (declared != null && !declared.containsKey(name)) {
      refuse(request, response, webapp, List.of(new InvalidInputException.FieldProblem(name, stray(declared))));
      return;
    }
    chain.doFilter(request, response);
  }

  /** The variables the resource takes now: its task's form; for an instance or execution, the forms of its open tasks. */
  private Map<String, TaskInput.Kind> declared(String resource, String id) {
    try {
      if ("task".equals(resource)) {
        Task task = tasks.createTaskQuery().taskId(id).singleResult();
        return task == null ? null : TaskInput.declared(task.getTaskDefinitionKey());
      }
      String instance = id;
      if ("execution".equals(resource)) {
        Execution execution = runtime.createExecutionQuery().executionId(id).singleResult();
        if (execution == null) {
          return null;
        }
        instance = execution.getProcessInstanceId();
      } else if (runtime.createProcessInstanceQuery().processInstanceId(id).count() == 0) {
        return null;
      }
      Map<String, TaskInput.Kind> declared = new LinkedHashMap<>();
      tasks.createTaskQuery().processInstanceId(instance).list().forEach(task -> declared.putAll(TaskInput.declared(task.getTaskDefinitionKey())));
      return declared;
    } catch (RuntimeException e) {
      log.warn("Could not read the declared variables of {} {}", resource, id, e);
      return null;
    }
  }

  /** One variable as Camunda's REST API takes it: {"value": ..., "type": ..., "valueInfo": {...}}. */
  private static void check(String name, JsonNode variable, Map<String, TaskInput.Kind> declared, List<InvalidInputException.FieldProblem> problems) {
    TaskInput.Kind kind = declared.get(name);
    if (kind == null) {
      problems.add(new InvalidInputException.FieldProblem(name, stray(declared)));
      return;
    }
    if (variable == null || !variable.isObject()) {
      problems.add(new InvalidInputException.FieldProblem(name, "must be given as {\"value\": …, \"type\": \"" + kind.type() + "\"}"));
      return;
    }
    for (Iterator<String> fields = variable.fieldNames(); fields.hasNext();) {
      String field = fields.next();
      if (!List.of("value", "type", "valueInfo").contains(field)) {
        problems.add(new InvalidInputException.FieldProblem(name, "has a field '" + printable(field) + "' a variable does not have; send value and type"));
        return;
      }
    }
    if (variable.path("valueInfo").path("transient").asBoolean(false)) {
      // A transient value completes the task and is gone for the steps that read it.
      problems.add(new InvalidInputException.FieldProblem(name, "cannot be transient: what a form sends is kept"));
      return;
    }
    JsonNode value = variable.get("value");
    JsonNode typeNode = variable.get("type");
    String type = typeNode == null || typeNode.isNull() ? null : typeNode.asText().toLowerCase(Locale.ROOT);
    String message = kind.problem(type, value);
    if (message == null && "json".equals(type) && value != null && value.isTextual()) {
      try {
        JSON.readTree(value.asText());
      } catch (JacksonException e) {
        message = "must be JSON text, and what was sent is not valid JSON";
      }
    }
    if (message == null && kind == TaskInput.Kind.TEXT && value != null && value.isTextual()) {
      // The text rules of every other path; the engine's history holds at most 4,000 characters of a text.
      message = value.asText().length() > MAX_TEXT ? "must be at most " + MAX_TEXT + " characters" : Text.problem(value.asText(), false);
    }
    if (message != null) {
      problems.add(new InvalidInputException.FieldProblem(name, message));
    }
  }

  private static String stray(Map<String, TaskInput.Kind> declared) {
    return declared.isEmpty() ? "is not a variable this takes: it takes no variables now"
        : "is not a variable of this task's form; it takes " + String.join(", ", declared.keySet());
  }

  /** A body that is not JSON: the body's problem, wherever the parser was ("The variable 'variables' is not valid JSON" misleads). */
  static InvalidInputException.FieldProblem bodyProblem(JacksonException e) {
    InvalidInputException.FieldProblem problem = StrictJson.problem(e);
    return problem.message().startsWith("is not valid JSON") ? new InvalidInputException.FieldProblem("body", problem.message()) : problem;
  }

  static void refuse(HttpServletRequest request, HttpServletResponse response, boolean webapp,
      List<InvalidInputException.FieldProblem> problems) throws IOException {
    log.warn("Refused engine input on {} {}: {}", request.getMethod(), path(request).replaceAll("\\p{Cntrl}", " "),
        problems.stream().map(InvalidInputException.FieldProblem::field).toList());
    answer(request, response, webapp, 400, "Invalid input", sentence(problems) + " Nothing was stored; fix it and send it again.", problems);
  }

  /** Camunda's {"type","message"} for the webapps (Tasklist shows the message as it is), problem+json on /engine-rest. */
  static void answer(HttpServletRequest request, HttpServletResponse response, boolean webapp, int status, String title, String detail,
      List<InvalidInputException.FieldProblem> problems) throws IOException {
    Map<String, Object> body = new LinkedHashMap<>();
    if (webapp) {
      body.put("type", title);
      body.put("message", detail);
      response.setContentType("application/json");
    } else {
      body.put("type", status == 400 ? "urn:takedown:problem:invalid-input" : "about:blank");
      body.put("title", title);
      body.put("status", status);
      body.put("detail", detail);
      body.put("instance", path(request));
      if (!problems.isEmpty()) {
        body.put("errors", problems);
      }
      response.setContentType("application/problem+json");
    }
    response.setStatus(status);
    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
    response.getOutputStream().write(JSON.writeValueAsBytes(body));
  }

  /** "The legal basis (legalBasis) must be text, not a number." per variable; a name the forms do not know in quotes. */
  static String sentence(List<InvalidInputException.FieldProblem> problems) {
    StringBuilder text = new StringBuilder();
    for (InvalidInputException.FieldProblem problem : problems) {
      String label = TaskInput.label(problem.field().replaceAll("\\[.*$", ""));
      String subject = "body".equals(problem.field()) ? "The request body"
          : "This value".equals(label) ? "The variable '" + printable(problem.field()) + "'" : label + " (" + problem.field() + ")";
      text.append(text.isEmpty() ? "" : " ").append(subject).append(' ').append(problem.message())
          .append(problem.message().endsWith(".") ? "" : ".");
    }
    return text.toString();
  }

  static String printable(String name) {
    String shown = name.replaceAll("[\\p{Cntrl}\\p{Cf}]", "?");
    return shown.length() > 60 ? shown.substring(0, 60) + "…" : shown;
  }

  /** The address as the engine's REST API reads it: decoded (joint%2Dtakedown is joint-takedown), without ;parameters. */
  static String path(HttpServletRequest request) {
    return PATHS.getPathWithinApplication(request);
  }

  private static final UrlPathHelper PATHS = new UrlPathHelper();
}
