package org.takedown.tip;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.takedown.stix.StixIntake;
import org.takedown.system.Tlp;

/** A STIX indicator names the provider of its domains and URLs in x_takedown_provider; one that is not a line is a warning. */
class StixProviderTest {

  static String bundle(String provider) {
    return """
        {"type": "bundle", "id": "bundle--6f1a3c0e-2b7d-4f6e-9a51-0c7d3e2b1a90", "objects": [
          {"type": "indicator", "spec_version": "2.1", "id": "indicator--0f3e6a7c-5d2b-4c1e-8f9a-1b2c3d4e5f60",
           "created": "2026-11-01T10:00:00Z", "modified": "2026-11-01T10:00:00Z", "name": "Phishing shop",
           "pattern": "[domain-name:value = 'shop.example.org'] OR [url:value = 'https://shop.example.org/login']",
           "pattern_type": "stix", "valid_from": "2026-11-01T10:00:00Z", "x_takedown_provider": %s}
        ]}""".formatted(provider);
  }

  @Test
  void theProviderOfTheIndicatorsValuesIsTaken() {
    StixIntakeMapping mapping = StixIntakeMapping.of(new StixIntake().read(bundle("\"Namecheap, Inc.\"").getBytes(StandardCharsets.UTF_8), Tlp.AMBER));
    assertThat(mapping.providers().values()).containsExactly("Namecheap, Inc.", "Namecheap, Inc.");
    assertThat(mapping.providers().keySet()).extracting(k -> k.normalized()).contains("shop.example.org");
  }

  @Test
  void aProviderThatIsNotOneLineIsAWarningAndTheIndicatorIsTaken() {
    StixIntakeMapping mapping = StixIntakeMapping.of(new StixIntake().read(bundle("\"a\\nb\"").getBytes(StandardCharsets.UTF_8), Tlp.AMBER));
    assertThat(mapping.providers()).isEmpty();
    assertThat(mapping.indicators()).hasSize(2);
    assertThat(mapping.warnings()).anySatisfy(w -> assertThat(w.message()).startsWith("the provider ").endsWith("so it was not taken; the indicator was"));
  }
}
