package org.takedown.stix;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.takedown.stix.ObservableExtractor.Extraction;
import org.takedown.stix.StixBundle.StixObject;
import org.takedown.stix.StixTip.ContextObject;
import org.takedown.stix.StixTip.Relation;
import org.takedown.stix.StixTip.StixIndicator;
import org.takedown.system.CountryCodes;
import org.takedown.system.Tlp;

/** Maps a validated bundle to a {@link StixTip}: the canonical mapping described in docs/stix.md. */
public final class StixMapper {

  /** The STIX types that become the operation's context, in this order of importance for the title. */
  public static final List<String> CONTEXT_TYPES = List.of("campaign", "intrusion-set", "malware", "threat-actor",
      "infrastructure", "attack-pattern", "tool", "vulnerability", "course-of-action", "identity");
  private static final List<String> TITLE_TYPES = List.of("campaign", "intrusion-set", "malware");

  private StixMapper() {}

  public static StixTip map(StixBundle bundle, Tlp defaultTlp) {
    List<StixProblem> warnings = new ArrayList<>(bundle.warnings());
    List<StixIndicator> indicators = new ArrayList<>();
    List<ContextObject> context = new ArrayList<>();
    List<Relation> relations = new ArrayList<>();
    Set<String> countries = new LinkedHashSet<>();
    Set<String> statements = new LinkedHashSet<>();
    Tlp tlp = null;
    Set<String> referencedScos = referencedScos(bundle);

    for (StixObject o : bundle.objects()) {
      for (String marking : markingRefs(o.json())) {
        Optional<Tlp> t = StixMarkings.tlp(marking, bundle);
        if (t.isPresent() && (tlp == null || t.get().ordinal() < tlp.ordinal())) {
          tlp = t.get();
        }
      }
      String type = o.type() == null ? "" : o.type();
      switch (type) {
        case "indicator" -> indicators.add(indicator(bundle, o));
        case "observed-data" -> observation(bundle, o).ifPresent(indicators::add);
        case "relationship" -> relations.add(new Relation(o.id(), text(o, "source_ref"), text(o, "relationship_type"), text(o, "target_ref"),
            label(bundle, text(o, "source_ref")) + " " + text(o, "relationship_type") + " " + label(bundle, text(o, "target_ref"))));
        case "sighting" -> relations.add(sighting(bundle, o));
        case "location" -> o.text("country").ifPresent(c -> {
          String code = c.trim().toUpperCase(Locale.ROOT);
          if (CountryCodes.isValid(code)) {
            countries.add(code);
          } else {
            warnings.add(new StixProblem(o.id(), o.pointer() + "/country", "country",
                "'" + c + "' is not an ISO 3166-1 alpha-2 country code; the location was not taken as a country"));
          }
        });
        case "marking-definition" -> StixMarkings.statement(o.json()).ifPresent(statements::add);
        default -> {
          if (CONTEXT_TYPES.contains(type)) {
            context.add(new ContextObject(type, o.id(), o.text("name").orElse(null), o.text("description").orElse(null)));
          } else if (StixReader.SCO.contains(type) && !referencedScos.contains(o.id())) {
            standalone(bundle, o).ifPresent(indicators::add);
          }
        }
      }
    }

    String[] title = title(bundle, indicators);
    return new StixTip(bundle.id(), bundle.specVersion(), bundle.sha256(), title[0], title[1], title[2],
        title[3] == null ? null : Instant.parse(title[3]), vendor(bundle), List.copyOf(indicators), List.copyOf(context),
        List.copyOf(relations), List.copyOf(countries), tlp == null ? defaultTlp : tlp, tlp == null, List.copyOf(statements),
        List.copyOf(warnings), takedownReference(bundle));
  }

  private static String takedownReference(StixBundle bundle) {
    for (StixObject o : bundle.objects()) {
      if ("report".equals(o.type())) {
        for (JsonNode ref : o.json().path("external_references")) {
          // Only Takedown's own report of that operation (its UUIDv5 id) counts: a vendor's report that
          // merely cites a reference is a new tip.
          String reference = ref.path("external_id").asText();
          if (StixExporter.SOURCE_NAME.equals(ref.path("source_name").asText()) && ref.path("external_id").isTextual()
              && StixExporter.reportId(reference).equalsIgnoreCase(o.id())) {
            return reference;
          }
        }
      }
    }
    return null;
  }

  private static StixIndicator indicator(StixBundle bundle, StixObject o) {
    String patternType = o.text("pattern_type").orElse("stix");
    Optional<StixPattern> pattern = bundle.pattern(o.id());
    Extraction extraction = pattern.map(ObservableExtractor::fromPattern).orElse(new Extraction(List.of(), List.of()));
    Optional<PatternSyntaxException> error = bundle.patternError(o.id());
    return new StixIndicator(o.id(), "indicator", o.text("name").orElse(null), o.text("description").orElse(null),
        o.text("pattern").orElse(null), patternType, instant(o, "valid_from"), error.isPresent(),
        error.map(Throwable::getMessage).orElse(null), extraction.observables(), extraction.warnings());
  }

  /** observed-data: 2.1 object_refs point at SCOs in the bundle; 2.0 embeds them in "objects", keyed "0", "1", … */
  private static Optional<StixIndicator> observation(StixBundle bundle, StixObject o) {
    List<Extraction> parts = new ArrayList<>();
    JsonNode embedded = o.json().path("objects");
    if (embedded.isObject()) {
      Function<String, JsonNode> byKey = key -> embedded.get(key);
      embedded.fields().forEachRemaining(e -> parts.add(ObservableExtractor.fromObject(e.getValue(), byKey)));
    }
    for (JsonNode ref : o.json().path("object_refs")) {
      bundle.get(ref.asText()).ifPresent(sco -> parts.add(ObservableExtractor.fromObject(sco.json(), resolver(bundle))));
    }
    Extraction all = ObservableExtractor.merge(parts);
    if (all.observables().isEmpty() && all.warnings().isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new StixIndicator(o.id(), "observed-data", null, null, pattern(all.observables()), "stix",
        instant(o, "first_observed"), false, null, all.observables(), all.warnings()));
  }

  private static Optional<StixIndicator> standalone(StixBundle bundle, StixObject o) {
    Extraction found = ObservableExtractor.fromObject(o.json(), resolver(bundle));
    if (found.observables().isEmpty() && found.warnings().isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new StixIndicator(o.id(), o.type(), null, null, pattern(found.observables()), "stix", null, false, null,
        found.observables(), found.warnings()));
  }

  private static Function<String, JsonNode> resolver(StixBundle bundle) {
    return id -> bundle.get(id).map(StixObject::json).orElse(null);
  }

  /** The pattern an observation stands for: its observables, each an observation, joined with OR. */
  private static String pattern(List<Observable> observables) {
    List<String> parts = observables.stream().filter(Observable::exact)
        .map(o -> ObservableType.of(o.type()).orElseThrow().pattern(o.value())).toList();
    return parts.isEmpty() ? null : String.join(" OR ", parts);
  }

  /** SCOs that are part of an observation or of another SCO (an email's sender, a connection's destination). */
  private static Set<String> referencedScos(StixBundle bundle) {
    Set<String> referenced = new HashSet<>();
    for (StixObject o : bundle.objects()) {
      if ("observed-data".equals(o.type())) {
        o.json().path("object_refs").forEach(r -> referenced.add(r.asText()));
      } else if (StixReader.SCO.contains(o.type())) {
        o.json().fields().forEachRemaining(e -> {
          if (e.getKey().endsWith("_ref") && e.getValue().isTextual()) {
            referenced.add(e.getValue().asText());
          } else if (e.getKey().endsWith("_refs") && e.getValue().isArray()) {
            e.getValue().forEach(r -> referenced.add(r.asText()));
          }
        });
      }
    }
    return referenced;
  }

  private static Relation sighting(StixBundle bundle, StixObject o) {
    String of = text(o, "sighting_of_ref");
    List<String> where = new ArrayList<>();
    o.json().path("where_sighted_refs").forEach(r -> where.add(r.asText()));
    JsonNode count = o.json().get("count");
    String readable = label(bundle, of) + " was sighted"
        + (count != null && count.canConvertToInt() ? " " + count.asInt() + (count.asInt() == 1 ? " time" : " times") : "")
        + (where.isEmpty() ? "" : " by " + String.join(", ", where.stream().map(w -> label(bundle, w)).toList()));
    return new Relation(o.id(), of, "sighting", where.isEmpty() ? null : where.get(0), readable);
  }

  /** "malware 'Poison Ivy'", "ipv4-addr '198.51.100.3'", or the bare id of an object not in the bundle. */
  static String label(StixBundle bundle, String id) {
    return bundle.get(id).map(o -> {
      String name = o.text("name").or(() -> o.text("value")).orElse(null);
      return name == null ? o.type() + " " + o.id() : o.type() + " '" + name + "'";
    }).orElse(String.valueOf(id));
  }

  private static List<String> markingRefs(JsonNode o) {
    List<String> refs = new ArrayList<>();
    o.path("object_marking_refs").forEach(r -> refs.add(r.asText()));
    o.path("granular_markings").forEach(g -> {
      if (g.path("marking_ref").isTextual()) {
        refs.add(g.path("marking_ref").asText());
      }
    });
    return refs;
  }

  /** {title, source type, summary, published}. */
  private static String[] title(StixBundle bundle, List<StixIndicator> indicators) {
    for (StixObject o : bundle.objects()) {
      if ("report".equals(o.type()) && o.text("name").isPresent()) {
        return new String[] {o.text("name").get(), "report", o.text("description").orElse(null), o.text("published").orElse(null)};
      }
    }
    for (String type : TITLE_TYPES) {
      for (StixObject o : bundle.objects()) {
        if (type.equals(o.type()) && o.text("name").filter(n -> !n.isBlank()).isPresent()) {
          return new String[] {o.text("name").get(), type, o.text("description").orElse(null), null};
        }
      }
    }
    for (StixIndicator i : indicators) {
      if (i.name() != null && !i.name().isBlank()) {
        return new String[] {i.name(), i.source(), i.description(), null};
      }
    }
    return new String[] {"STIX bundle " + bundle.id(), "bundle", null, null};
  }

  /** The identity most objects name as their creator; else the only identity; else null. */
  private static String vendor(StixBundle bundle) {
    Map<String, Integer> creators = new HashMap<>();
    for (StixObject o : bundle.objects()) {
      o.text("created_by_ref").ifPresent(c -> creators.merge(c, 1, Integer::sum));
    }
    Map<String, String> identities = new LinkedHashMap<>();
    for (StixObject o : bundle.objects()) {
      if ("identity".equals(o.type()) && o.text("name").isPresent()) {
        identities.put(o.id(), o.text("name").get());
      }
    }
    return creators.entrySet().stream().filter(e -> identities.containsKey(e.getKey()))
        .max(Map.Entry.comparingByValue()).map(e -> identities.get(e.getKey()))
        .orElse(identities.size() == 1 ? identities.values().iterator().next() : null);
  }

  private static String text(StixObject o, String field) {
    return o.text(field).orElse(null);
  }

  private static Instant instant(StixObject o, String field) {
    return o.text(field).map(Instant::parse).orElse(null);
  }
}
