package org.takedown.dossier.diagram;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.runtime.ActivityInstance;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.TransitionInstance;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.springframework.stereotype.Service;
import org.takedown.operation.JointTakedownProcess;
import org.takedown.operation.Operation;
import org.takedown.security.OperationAccess;
import org.takedown.system.Caller;
import org.takedown.system.CountryCodes;
import org.takedown.system.InvalidInputException;
import org.takedown.system.NotFoundException;

/**
 * The diagram of one of an operation's process instances, with its state: the main joint takedown,
 * its legal review, or one country's national assignment or evidence handover (the latest, should a
 * country have been asked twice). Readable to whoever may read the operation ({@link OperationAccess});
 * to anyone else, and for a country the operation has no such process for, it does not exist.
 */
@Service
public class ProcessDiagrams {

  /** The {@code process} parameter: which of the operation's models. */
  public enum Which {
    MAIN("joint-takedown", false),
    LEGAL("legal-review", false),
    ASSIGNMENT("national-assignment", true),
    EVIDENCE("evidence-handover", true);

    final String key;
    final boolean perCountry;

    Which(String key, boolean perCountry) {
      this.key = key;
      this.perCountry = perCountry;
    }

    static Which parse(String text, boolean countryGiven) {
      if (text == null || text.isBlank()) {
        return countryGiven ? ASSIGNMENT : MAIN;
      }
      String value = text.trim().toLowerCase(Locale.ROOT);
      for (Which which : values()) {
        if (which.name().toLowerCase(Locale.ROOT).equals(value) || which.key.equals(value)) {
          return which;
        }
      }
      throw new InvalidInputException("process", "'" + OneLineText.of(text)
          + "' is not a process of an operation; use main, legal, assignment (with country) or evidence (with country)");
    }
  }

  /** What was drawn: the SVG and the instance it shows. */
  public record Diagram(String svg, String processInstanceId, Which which, String country) {}

  private final OperationAccess access;
  private final HistoryService history;
  private final RuntimeService runtime;
  private final RepositoryService repository;

  ProcessDiagrams(OperationAccess access, HistoryService history, RuntimeService runtime, RepositoryService repository) {
    this.access = access;
    this.history = history;
    this.runtime = runtime;
    this.repository = repository;
  }

  public Diagram draw(Caller caller, String reference, String process, String countryText) {
    OperationAccess.Disclosed disclosed = access.disclose(caller, reference.toUpperCase(Locale.ROOT));
    Operation operation = disclosed.operation();
    String ref = operation.getReference();
    boolean countryGiven = countryText != null && !countryText.isBlank();
    Which which = Which.parse(process, countryGiven);
    String country = null;
    if (which.perCountry) {
      if (!countryGiven) {
        throw new InvalidInputException("country", "is required for the " + which.name().toLowerCase(Locale.ROOT)
            + " diagram: give the country's ISO code, e.g. country=DE");
      }
      country = countryText.trim().toUpperCase(Locale.ROOT);
      if (!country.matches("[A-Z]{2}")) {
        throw noCountry(ref, which, OneLineText.of(countryText));
      }
      if (!disclosed.disclosure().seesCountry(country)) {
        // Another country's progress is not the reader's to see: the same answer as for a country not in it.
        throw noCountry(ref, which, country);
      }
    } else if (countryGiven) {
      throw new InvalidInputException("country", "applies only to process=assignment or process=evidence; leave it out for the "
          + which.name().toLowerCase(Locale.ROOT) + " diagram");
    }

    var query = history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(ref).processDefinitionKey(which.key);
    if (country != null) {
      query.variableValueEquals(JointTakedownProcess.COUNTRY, country);
    }
    List<HistoricProcessInstance> found = query.orderByProcessInstanceStartTime().desc().listPage(0, 1);
    if (found.isEmpty()) {
      if (country != null) {
        throw noCountry(ref, which, country);
      }
      throw new NotFoundException(ref + " has no " + (which == Which.LEGAL ? "legal review" : "process") + " yet");
    }
    HistoricProcessInstance instance = found.get(0);
    BpmnModelInstance model = repository.getBpmnModelInstance(instance.getProcessDefinitionId());
    DiagramState state = state(instance, model);
    String modelName = instance.getProcessDefinitionName() == null ? which.key : instance.getProcessDefinitionName();
    String description = "Process diagram: " + modelName + " of " + ref + (country == null ? "" : " for " + CountryCodes.name(country) + " (" + country + ")")
        + describe(state, model);
    return new Diagram(SvgDiagram.render(model, state, description), instance.getId(), which, country);
  }

  /** Current steps from the runtime (including steps waiting for their asynchronous start), completed ones from history. */
  DiagramState state(HistoricProcessInstance instance, BpmnModelInstance model) {
    Set<String> current = new HashSet<>();
    Set<String> completed = new HashSet<>();
    Set<String> visited = new HashSet<>();
    Set<String> incidents = new HashSet<>();
    if (instance.getEndTime() == null) {
      ActivityInstance tree = runtime.getActivityInstance(instance.getId());
      if (tree != null) {
        collect(tree, current);
      }
      for (Incident incident : runtime.createIncidentQuery().processInstanceId(instance.getId()).list()) {
        if (incident.getActivityId() != null) {
          incidents.add(plain(incident.getActivityId()));
        }
      }
    }
    for (HistoricActivityInstance step : history.createHistoricActivityInstanceQuery().processInstanceId(instance.getId()).list()) {
      String id = plain(step.getActivityId());
      visited.add(id);
      if (step.getEndTime() != null) {
        completed.add(id);
      }
    }
    current.remove(instance.getProcessDefinitionId());
    visited.addAll(current);
    // A step that ran before and runs again (a loop) is current, not completed.
    completed.removeAll(current);
    Set<String> taken = new HashSet<>();
    for (SequenceFlow flow : model.getModelElementsByType(SequenceFlow.class)) {
      FlowNode source = flow.getSource();
      FlowNode target = flow.getTarget();
      if (source != null && target != null && completed.contains(source.getId()) && visited.contains(target.getId())) {
        taken.add(flow.getId());
      }
    }
    return new DiagramState(current, completed, incidents, taken);
  }

  private static void collect(ActivityInstance node, Set<String> into) {
    if (node.getActivityId() != null) {
      into.add(plain(node.getActivityId()));
    }
    for (TransitionInstance waiting : node.getChildTransitionInstances()) {
      into.add(plain(waiting.getActivityId()));
    }
    for (ActivityInstance child : node.getChildActivityInstances()) {
      collect(child, into);
    }
  }

  /** Multi-instance bodies are drawn as their activity. */
  private static String plain(String activityId) {
    int hash = activityId.indexOf('#');
    return hash < 0 ? activityId : activityId.substring(0, hash);
  }

  private static String describe(DiagramState state, BpmnModelInstance model) {
    List<String> names = state.current().stream().map(id -> {
      var element = model.getModelElementById(id);
      String name = element instanceof org.camunda.bpm.model.bpmn.instance.FlowElement f ? f.getName() : null;
      return name == null ? null : name;
    }).filter(n -> n != null && !n.isBlank()).sorted().toList();
    StringBuilder text = new StringBuilder();
    if (!names.isEmpty()) {
      text.append("; current: ").append(String.join(", ", names));
    }
    if (!state.incidents().isEmpty()) {
      text.append("; ").append(state.incidents().size()).append(state.incidents().size() == 1 ? " incident" : " incidents");
    }
    return text.toString();
  }

  private static NotFoundException noCountry(String reference, Which which, String country) {
    return new NotFoundException(reference + " has no " + (which == Which.EVIDENCE ? "evidence handover" : "national assignment")
        + " for country " + country);
  }

  /** Echoing user input in a message: one short line. */
  static final class OneLineText {
    static String of(String text) {
      String line = text.replaceAll("[\\p{Cntrl}]", " ").trim();
      return line.length() > 40 ? line.substring(0, 40) + "…" : line;
    }
  }
}
