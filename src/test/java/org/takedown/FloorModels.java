package org.takedown;

import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.List;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.impl.BpmnModelConstants;
import org.camunda.bpm.model.bpmn.instance.CallActivity;
import org.camunda.bpm.model.bpmn.instance.ConditionExpression;
import org.camunda.bpm.model.bpmn.instance.MultiInstanceLoopCharacteristics;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaExecutionListener;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaIn;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaTaskListener;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;

/**
 * The engine floor for the lifecycle benchmark: the product's own BPMN models with none of the
 * product's work. Same shapes (tasks, call activities, multi-instance, timers, async steps, the
 * decision table), but every service task is a no-op expression, every listener is gone, and the
 * country lists come from the process variable instead of the assignment rows. Process keys get the
 * prefix floor-, so they deploy next to the product's models in the same engine and database.
 */
final class FloorModels {

  static final String PREFIX = "floor-";
  static final List<String> FILES = List.of("joint-takedown.bpmn", "legal-review.bpmn", "national-assignment.bpmn",
      "evidence-handover.bpmn");

  private FloorModels() {}

  /** The floor version of bpmn/{file}, as BPMN XML. */
  static byte[] floor(String file) {
    BpmnModelInstance model = Bpmn.readModelFromFile(Path.of("bpmn", file).toFile());
    model.getModelElementsByType(Process.class).forEach(p -> {
      p.setId(PREFIX + p.getId());
      p.setCamundaIsStartableInTasklist(true); // the floor is started through the engine's API
    });
    for (ServiceTask task : model.getModelElementsByType(ServiceTask.class)) {
      task.removeAttributeNs(BpmnModelConstants.CAMUNDA_NS, "delegateExpression");
      task.setCamundaExpression("${true}");
    }
    removeAll(model.getModelElementsByType(CamundaTaskListener.class));
    removeAll(model.getModelElementsByType(CamundaExecutionListener.class));
    for (CallActivity call : model.getModelElementsByType(CallActivity.class)) {
      call.setCalledElement(PREFIX + call.getCalledElement());
    }
    // the national unit is looked up from the assignment rows, which the floor does not write
    removeAll(model.getModelElementsByType(CamundaIn.class).stream()
        .filter(in -> in.getCamundaSourceExpression() != null && in.getCamundaSourceExpression().contains("assignmentCountries")).toList());
    // every country asked, and every country accepts: the variable (JSON) instead of the rows
    for (MultiInstanceLoopCharacteristics loop : model.getModelElementsByType(MultiInstanceLoopCharacteristics.class)) {
      if (loop.getCamundaCollection() != null && loop.getCamundaCollection().contains("assignmentCountries")) {
        loop.setCamundaCollection("${countries.elements()}");
      }
    }
    for (ConditionExpression condition : model.getModelElementsByType(ConditionExpression.class)) {
      condition.setTextContent(condition.getTextContent().replace("assignmentCountries.accepted(execution)", "countries.elements()"));
    }
    // each element of the JSON list is a JSON node
    for (UserTask task : model.getModelElementsByType(UserTask.class)) {
      if (task.getCamundaCandidateGroups() != null) {
        task.setCamundaCandidateGroups(task.getCamundaCandidateGroups().replace("country.toLowerCase()", "country.stringValue().toLowerCase()"));
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Bpmn.writeModelToStream(out, model);
    return out.toByteArray();
  }

  private static void removeAll(java.util.Collection<? extends ModelElementInstance> elements) {
    for (ModelElementInstance element : List.copyOf(elements)) {
      element.getParentElement().removeChildElement(element);
    }
  }
}
