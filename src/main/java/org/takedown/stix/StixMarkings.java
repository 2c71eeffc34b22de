package org.takedown.stix;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Optional;
import org.takedown.system.Tlp;

/**
 * TLP markings in STIX: TLP 2.0 (the FIRST extension and its fixed ids, see the brief) and TLP 1.0
 * (definition_type "tlp" and the ids fixed in STIX 2.1 section 7.2.1.4). A well-known id counts
 * even when the bundle does not include the marking-definition itself.
 */
public final class StixMarkings {

  public static final String TLP2_EXTENSION = "extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d";

  private static final Map<Tlp, String> TLP2_IDS = Map.of(
      Tlp.CLEAR, "marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487",
      Tlp.GREEN, "marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb",
      Tlp.AMBER, "marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421",
      Tlp.AMBER_STRICT, "marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003",
      Tlp.RED, "marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1");

  private static final Map<String, Tlp> WELL_KNOWN = Map.of(
      TLP2_IDS.get(Tlp.CLEAR), Tlp.CLEAR, TLP2_IDS.get(Tlp.GREEN), Tlp.GREEN, TLP2_IDS.get(Tlp.AMBER), Tlp.AMBER,
      TLP2_IDS.get(Tlp.AMBER_STRICT), Tlp.AMBER_STRICT, TLP2_IDS.get(Tlp.RED), Tlp.RED,
      "marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9", Tlp.CLEAR,
      "marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da", Tlp.GREEN,
      "marking-definition--f88d31f6-486f-44da-b317-01333bde0b82", Tlp.AMBER,
      "marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed", Tlp.RED);

  private StixMarkings() {}

  /** The fixed TLP 2.0 marking-definition id of a label. */
  public static String tlp2Id(Tlp tlp) {
    return TLP2_IDS.get(tlp);
  }

  /** The TLP a marking-definition id stands for: by its well-known id, or by the definition in the bundle. */
  static Optional<Tlp> tlp(String markingId, StixBundle bundle) {
    Tlp known = WELL_KNOWN.get(markingId);
    if (known != null) {
      return Optional.of(known);
    }
    return bundle.get(markingId).flatMap(m -> tlpOfDefinition(m.json()));
  }

  static Optional<Tlp> tlpOfDefinition(JsonNode marking) {
    JsonNode tlp2 = marking.path("extensions").path(TLP2_EXTENSION).path("tlp_2_0");
    if (tlp2.isTextual()) {
      return Tlp.parse(tlp2.asText());
    }
    if ("tlp".equalsIgnoreCase(marking.path("definition_type").asText(""))) {
      return Tlp.parse(marking.path("definition").path("tlp").asText(null));
    }
    return Optional.empty();
  }

  static Optional<String> statement(JsonNode marking) {
    if ("statement".equalsIgnoreCase(marking.path("definition_type").asText("")) && marking.path("definition").path("statement").isTextual()) {
      return Optional.of(marking.path("definition").path("statement").asText());
    }
    return Optional.empty();
  }
}
