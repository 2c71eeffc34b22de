package org.takedown.dossier.diagram;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Each of the product's models is drawn whole: every step and flow of the main diagram, with its name. */
class SvgDiagramTest {

  @ParameterizedTest
  @ValueSource(strings = {"joint-takedown", "legal-review", "national-assignment", "evidence-handover"})
  void everyStepOfTheModelIsDrawnWithItsName(String name) throws IOException {
    BpmnModelInstance model = Bpmn.readModelFromFile(Path.of("bpmn", name + ".bpmn").toFile());

    String svg = SvgDiagram.render(model, DiagramState.NONE, "Process diagram: " + name);

    Files.createDirectories(Path.of("target", "diagrams"));
    Files.writeString(Path.of("target", "diagrams", "model-" + name + ".svg"), svg);
    // Every step, also inside the expanded "Tip withdrawn" event sub-process.
    for (FlowNode node : model.getModelElementsByType(FlowNode.class)) {
      assertThat(svg).as(node.getId()).contains("data-element-id=\"" + node.getId() + "\"><title>" + SvgDiagram.escape(node.getName()));
    }
    for (SequenceFlow flow : model.getModelElementsByType(SequenceFlow.class)) {
      assertThat(svg).as(flow.getId()).contains("data-element-id=\"" + flow.getId() + "\"");
    }
  }

  @Test
  void wrapsNamesIntoTheBoxAndCutsWordsLongerThanALine() {
    assertThat(SvgDiagram.wrap("Prepare assignment brief and request", 88, 12)).containsExactly("Prepare", "assignment", "brief and", "request");
    assertThat(SvgDiagram.wrap("Supercalifragilisticexpialidocious", 60, 12)).containsExactly("Superca-", "lifragi-", "listice-", "xpialid-", "ocious");
  }

  @Test
  void anEmptyStateDrawsNothingAsCurrent() {
    BpmnModelInstance model = Bpmn.createExecutableProcess("p").startEvent("S").userTask("T").name("Do it").endEvent("E").done();
    String svg = SvgDiagram.render(model, new DiagramState(Set.of(), Set.of(), Set.of("T"), Set.of()), "x");
    assertThat(svg).contains("<title>Do it (user task): incident</title>").doesNotContain("state-current");
  }
}
