package org.takedown.system;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.EventSubscription;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The product's processes begin with a tip and hear from vendors through the product's API, which keeps what goes
 * with them: the tip and its indicators, the vendor's whole answer, the recall notices of a withdrawal. Started or
 * messaged through the engine's REST APIs they would run without those records (a start without a tip retries into
 * an incident; a withdrawal there tells no unit). Their models say so, with camunda:isStartableInTasklist="false";
 * for those, starting (or restarting) an instance and correlating a message are refused with 403 naming the
 * product's address. Other models are left to the engine, with the body still read strictly (a key given twice is 400).
 */
@Component
class EngineShortcuts extends OncePerRequestFilter {

  private static final Pattern ADDRESS = Pattern.compile(EngineInput.PREFIX
      + "/(?:process-definition/(?:key/(?<key>[^/]+)(?:/tenant-id/[^/]+)?|(?<id>[^/]+))/(?:start|submit-form|restart|restart-async)"
      + "|(?<message>message))/?$");
  private static final int MAX_BODY = 4 * 1024 * 1024;

  private final RepositoryService repository;
  private final RuntimeService runtime;

  EngineShortcuts(RepositoryService repository, RuntimeService runtime) {
    this.repository = repository;
    this.runtime = runtime;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return !"POST".equals(request.getMethod()) || !ADDRESS.matcher(EngineInput.path(request)).matches();
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    Matcher address = ADDRESS.matcher(EngineInput.path(request));
    address.matches();
    boolean webapp = EngineInput.path(request).startsWith("/camunda/");
    if (address.group("message") == null) {
      ProcessDefinition definition = address.group("key") != null
          ? repository.createProcessDefinitionQuery().processDefinitionKey(address.group("key")).latestVersion().singleResult()
          : repository.createProcessDefinitionQuery().processDefinitionId(address.group("id")).singleResult();
      if (definition != null && !definition.isStartableInTasklist()) {
        EngineInput.answer(request, response, webapp, 403, "Not started here", "An operation begins with a vendor's tip: "
            + "POST /api/tips (JSON or STIX), so that it has its tip, indicators and records. The engine's API does not start "
            + "the product's processes; nothing was started.", List.of());
        return;
      }
      chain.doFilter(request, response);
      return;
    }
    byte[] body = request.getInputStream().readNBytes(MAX_BODY + 1);
    JsonNode root;
    try {
      if (body.length > MAX_BODY) {
        throw new InvalidInputException(List.of(new InvalidInputException.FieldProblem("body", "is larger than 4 MB")));
      }
      Utf8.decode(body);
      root = EngineInput.STRICT.readTree(body);
    } catch (Utf8.Malformed e) {
      EngineInput.refuse(request, response, webapp, List.of(new InvalidInputException.FieldProblem("body", Text.NOT_UTF8)));
      return;
    } catch (JacksonException e) {
      EngineInput.refuse(request, response, webapp, List.of(EngineInput.bodyProblem(e)));
      return;
    } catch (InvalidInputException e) {
      EngineInput.refuse(request, response, webapp, e.problems());
      return;
    }
    String name = root == null ? null : root.path("messageName").asText(null);
    if (name != null && ofTheProduct(name)) {
      EngineInput.answer(request, response, webapp, 403, "Not correlated here", "The message '" + EngineInput.printable(name)
          + "' belongs to the product's operations and goes through the product's API, which keeps its records: a vendor's "
          + "answer POST /api/operations/{reference}/information, a withdrawal POST /api/operations/{reference}/withdrawal. "
          + "Nothing was correlated.", List.of());
      return;
    }
    chain.doFilter(new ReplayedBody(request, body, StandardCharsets.UTF_8), response);
  }

  /** A message that a process of the product waits for, or that starts one. */
  private boolean ofTheProduct(String message) {
    for (ProcessDefinition started : repository.createProcessDefinitionQuery().messageEventSubscriptionName(message).list()) {
      if (!started.isStartableInTasklist()) {
        return true;
      }
    }
    for (EventSubscription waiting : runtime.createEventSubscriptionQuery().eventType("message").eventName(message).listPage(0, 50)) {
      ProcessInstance instance = runtime.createProcessInstanceQuery().processInstanceId(waiting.getProcessInstanceId()).singleResult();
      if (instance != null && !repository.getProcessDefinition(instance.getProcessDefinitionId()).isStartableInTasklist()) {
        return true;
      }
    }
    return false;
  }
}
