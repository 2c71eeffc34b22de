package org.takedown.dossier.diagram;

import java.util.Set;

/**
 * Where one process instance stands, by BPMN element id: the steps running now, those finished,
 * those with an open incident, and the sequence flows taken.
 */
public record DiagramState(Set<String> current, Set<String> completed, Set<String> incidents, Set<String> takenFlows) {

  public static final DiagramState NONE = new DiagramState(Set.of(), Set.of(), Set.of(), Set.of());

  public DiagramState {
    current = Set.copyOf(current);
    completed = Set.copyOf(completed);
    incidents = Set.copyOf(incidents);
    takenFlows = Set.copyOf(takenFlows);
  }
}
