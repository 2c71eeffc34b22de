package org.takedown.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The engine API takes the variables the forms declare: TaskInput's table and bpmn/forms/*.form name the same ones. */
class DeclaredVariablesTest {

  @Test
  void everyFormFieldIsDeclaredAndNothingElse() throws IOException {
    ObjectMapper json = new ObjectMapper();
    List<Path> forms;
    try (Stream<Path> files = Files.list(Path.of("bpmn/forms"))) {
      forms = files.filter(f -> f.toString().endsWith(".form")).sorted().toList();
    }
    assertThat(forms).isNotEmpty();
    for (Path form : forms) {
      List<String> keys = new ArrayList<>();
      collect(json.readTree(form.toFile()), keys);
      assertThat(TaskInput.declared(taskKey(form)).keySet()).as(form.toString()).containsExactlyInAnyOrderElementsOf(keys);
    }
  }

  /** triage-tip.form is the form of Task_TriageTip. */
  private static String taskKey(Path form) {
    StringBuilder key = new StringBuilder("Task_");
    for (String word : form.getFileName().toString().replace(".form", "").split("-")) {
      key.append(Character.toUpperCase(word.charAt(0))).append(word.substring(1));
    }
    return key.toString();
  }

  private static void collect(JsonNode node, List<String> keys) {
    if (node.isObject() && node.has("key") && node.has("type") && !node.path("type").asText().equals("default")) {
      keys.add(node.path("key").asText());
    }
    node.forEach(child -> collect(child, keys));
  }
}
