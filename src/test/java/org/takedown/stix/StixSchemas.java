package org.takedown.stix;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The OASIS STIX 2.1 JSON schemas in src/test/resources/stix/schemas (see its README), loaded
 * without network: every schema IRI is mapped by its last two path segments (common/core.json) to
 * the local copy, and a schema that is not copied is served as {@code false}.
 */
public final class StixSchemas {

  private static final String BASE = "http://raw.githubusercontent.com/oasis-open/cti-stix2-json-schemas/stix2.1/schemas/";
  private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
      builder -> builder.schemas(StixSchemas::load));

  private StixSchemas() {}

  /** Every schema error of the bundle, then of each object against its own type's schema (location is only checked there). */
  public static List<String> errors(JsonNode bundle) {
    List<String> errors = new ArrayList<>(describe(schema("common/bundle.json").validate(bundle)));
    JsonNode objects = bundle.path("objects");
    for (int i = 0; i < objects.size(); i++) {
      JsonNode object = objects.get(i);
      String type = object.path("type").asText();
      String file = switch (type) {
        case "marking-definition" -> "common/marking-definition.json";
        case "relationship" -> "sros/relationship.json";
        default -> "sdos/" + type + ".json";
      };
      if (load(BASE + file) == null || load(BASE + file).equals("false")) {
        errors.add("/objects/" + i + ": no schema here for type '" + type + "'");
        continue;
      }
      for (String e : describe(schema(file).validate(object))) {
        errors.add("/objects/" + i + " (" + object.path("id").asText() + "): " + e);
      }
    }
    return errors;
  }

  private static Schema schema(String file) {
    return REGISTRY.getSchema(SchemaLocation.of(BASE + file));
  }

  private static List<String> describe(List<Error> errors) {
    return errors.stream().map(e -> e.getInstanceLocation() + " " + e.getMessage()).toList();
  }

  /** The local copy for a schema IRI, with the meta-schema id the OASIS files misspell corrected; "false" for one not copied. */
  static String load(String iri) {
    if (iri.startsWith("https://json-schema.org/") || iri.startsWith("http://json-schema.org/")) {
      return null; // meta-schemas: the library's own
    }
    String[] parts = iri.split("#", 2)[0].split("/");
    if (parts.length < 2) {
      return null;
    }
    String file = parts[parts.length - 2] + "/" + parts[parts.length - 1];
    try (InputStream in = StixSchemas.class.getResourceAsStream("/stix/schemas/" + file)) {
      if (in == null) {
        return "false";
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8)
          .replace("\"http://json-schema.org/draft2020-12/schema#\"", "\"https://json-schema.org/draft/2020-12/schema\"");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
