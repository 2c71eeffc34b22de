package org.takedown.legal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashSet;
import java.util.Set;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnDecisionRuleResult;
import org.camunda.bpm.dmn.engine.DmnDecisionTableResult;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.dmn.engine.delegate.DmnDecisionTableEvaluationEvent;
import org.camunda.bpm.dmn.engine.delegate.DmnDecisionTableEvaluationListener;
import org.camunda.bpm.dmn.engine.impl.DefaultDmnEngineConfiguration;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every rule of bpmn/legal-review-routing.dmn, each hit by at least one case. */
class LegalReviewRoutingDecisionTest {

  static DmnEngine engine;
  static DmnDecision decision;
  static final java.util.List<String> matched = new java.util.ArrayList<>();
  static final Set<String> covered = new HashSet<>();

  @BeforeAll
  static void parse() throws IOException {
    DefaultDmnEngineConfiguration configuration = (DefaultDmnEngineConfiguration) DmnEngineConfiguration.createDefaultDmnEngineConfiguration();
    configuration.customPostDecisionTableEvaluationListeners(java.util.List.of(new DmnDecisionTableEvaluationListener() {
      @Override
      public void notify(DmnDecisionTableEvaluationEvent event) {
        event.getMatchingRules().forEach(rule -> matched.add(rule.getId()));
      }
    }));
    engine = configuration.buildEngine();
    try (InputStream in = new FileInputStream("bpmn/legal-review-routing.dmn")) {
      decision = engine.parseDecision("legal-review-routing", in);
    }
  }

  @ParameterizedTest(name = "{0} personal={1} countries={2} crossBorder={3} -> {4} mlat={5} dp={6}")
  @CsvSource({
      "TLP:RED,          true,  1, true,  FOUR_EYES, true,  true,  Rule_01",
      "TLP:RED,          true,  1, false, FOUR_EYES, false, true,  Rule_02",
      "TLP:RED,          false, 5, true,  FOUR_EYES, true,  false, Rule_03",
      "TLP:RED,          false, 1, false, FOUR_EYES, false, false, Rule_04",
      "TLP:AMBER,        true,  2, true,  FOUR_EYES, true,  true,  Rule_05",
      "TLP:GREEN,        true,  4, false, FOUR_EYES, false, true,  Rule_06",
      "TLP:AMBER+STRICT, true,  3, false, STANDARD,  false, true,  Rule_07",
      "TLP:CLEAR,        false, 6, true,  FOUR_EYES, true,  false, Rule_08",
      "TLP:AMBER,        false, 1, true,  STANDARD,  true,  false, Rule_09",
      "TLP:GREEN,        false, 4, false, FOUR_EYES, false, false, Rule_10",
      "TLP:AMBER,        false, 3, false, STANDARD,  false, false, Rule_11"})
  void routes(String tlp, boolean personalData, int countryCount, boolean crossBorder,
      String level, boolean mlat, boolean dataProtection, String rule) {
    matched.clear();
    DmnDecisionTableResult result = engine.evaluateDecisionTable(decision, Variables.createVariables()
        .putValue("tlp", tlp).putValue("personalData", personalData)
        .putValue("countryCount", countryCount).putValue("crossBorderEvidence", crossBorder));

    DmnDecisionRuleResult entries = result.getSingleResult();
    assertThat((String) entries.get("reviewLevel")).isEqualTo(level);
    assertThat((Boolean) entries.get("mlatRequired")).isEqualTo(mlat);
    assertThat((Boolean) entries.get("dataProtectionCheck")).isEqualTo(dataProtection);
    assertThat(matched).as("matched rules").containsExactly(rule);
    covered.add(rule);
  }

  @AfterAll
  static void everyRuleIsCovered() {
    // A rule added to the table without a case here fails the build.
    var table = (org.camunda.bpm.dmn.engine.impl.DmnDecisionTableImpl) decision.getDecisionLogic();
    assertThat(covered).hasSize(table.getRules().size());
  }
}
