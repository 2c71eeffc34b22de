package org.takedown.operation;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.takedown.system.CountryCodes;

/**
 * Names every human task after its operation, so that Tasklist's list tells operations apart:
 * "OP-2026-0007 · Triage tip · Banking trojan C2 servers", or with the country of a per-country
 * task, "OP-2026-0007 · Respond to assignment · Germany · Banking trojan C2 servers". The models keep
 * their static names (history, Cockpit and the document timelines read those); only the task's
 * runtime name is set, when it is created, from the business key and the title and country
 * variables each model has.
 */
@Component
public class TaskNames extends AbstractProcessEnginePlugin {

  static final String SEPARATOR = " · ";
  /** The task name column's width. */
  static final int MAX_LENGTH = 255;

  private static final Logger log = LoggerFactory.getLogger(TaskNames.class);

  private static final TaskListener NAMER = TaskNames::name;

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    List<BpmnParseListener> listeners = configuration.getCustomPreBPMNParseListeners() == null
        ? new ArrayList<>() : new ArrayList<>(configuration.getCustomPreBPMNParseListeners());
    listeners.add(new AbstractBpmnParseListener() {
      @Override
      public void parseUserTask(Element userTaskElement, ScopeImpl scope, ActivityImpl activity) {
        if (activity.getActivityBehavior() instanceof UserTaskActivityBehavior userTask) {
          userTask.getTaskDefinition().addBuiltInTaskListener(TaskListener.EVENTNAME_CREATE, NAMER);
        }
      }
    });
    configuration.setCustomPreBPMNParseListeners(listeners);
  }

  private static void name(DelegateTask task) {
    try {
      String reference = task.getExecution() == null ? null : task.getExecution().getProcessBusinessKey();
      Object country = task.getVariable(JointTakedownProcess.COUNTRY);
      Object title = task.getVariable("title");
      task.setName(name(reference, task.getName(), country == null ? null : String.valueOf(country), title == null ? null : String.valueOf(title)));
    } catch (RuntimeException e) {
      // A name is a convenience: the task is created under its model's name rather than not at all.
      log.warn("Task {} keeps its model name: {}", task.getTaskDefinitionKey(), e.toString());
    }
  }

  /** The name Tasklist shows; parts that are missing are left out, a long title is shortened. */
  public static String name(String reference, String step, String country, String title) {
    List<String> parts = new ArrayList<>();
    add(parts, reference);
    add(parts, step);
    if (country != null && CountryCodes.isValid(country.trim().toUpperCase(Locale.ROOT))) {
      parts.add(CountryCodes.name(country.trim().toUpperCase(Locale.ROOT)));
    }
    String head = String.join(SEPARATOR, parts);
    if (title == null || title.isBlank()) {
      return head.length() > MAX_LENGTH ? head.substring(0, MAX_LENGTH) : head;
    }
    String tail = title.strip().replaceAll("\\s+", " ");
    int room = MAX_LENGTH - head.length() - SEPARATOR.length();
    if (room < 2) {
      return head.length() > MAX_LENGTH ? head.substring(0, MAX_LENGTH) : head;
    }
    if (tail.length() > room) {
      tail = tail.substring(0, room - 1).stripTrailing() + "…";
    }
    return head.isEmpty() ? tail : head + SEPARATOR + tail;
  }

  private static void add(List<String> parts, String part) {
    if (part != null && !part.isBlank()) {
      parts.add(part.strip());
    }
  }
}
