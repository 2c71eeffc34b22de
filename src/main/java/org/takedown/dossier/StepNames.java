package org.takedown.dossier;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.springframework.stereotype.Component;

/**
 * A step's name as the model has it ("Respond to assignment"). Tasks carry a longer runtime name
 * (reference, step, country, title) for Tasklist; the board and the dossier show the step itself.
 */
@Component
class StepNames {

  private final RepositoryService repository;
  private final Map<String, String> names = new ConcurrentHashMap<>();

  StepNames(RepositoryService repository) {
    this.repository = repository;
  }

  String of(String processDefinitionId, String activityId, String fallback) {
    if (processDefinitionId == null || activityId == null) {
      return fallback;
    }
    String name = names.computeIfAbsent(processDefinitionId + "#" + activityId, key -> {
      FlowElement element = repository.getBpmnModelInstance(processDefinitionId).getModelElementById(activityId);
      return element == null || element.getName() == null ? "" : element.getName();
    });
    return name.isEmpty() ? fallback : name;
  }
}
