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

  /** STIX 2.1 types Takedown knows but does not use: an object of one is not taken, and the vendor is told. */
  static final Set<String> UNUSED_TYPES = Set.of("grouping", "note", "opinion", "malware-analysis", "incident", "language-content",
      "extension-definition");

  public static StixTip map(StixBundle bundle, Tlp defaultTlp) {
    Mapping m = new Mapping(bundle);
    m.run();
    String[] title = title(bundle, m.indicators);
    return new StixTip(bundle.id(), bundle.specVersion(), bundle.sha256(), title[0], title[1], title[2],
        title[3] == null ? null : Instant.parse(title[3]), vendor(bundle), List.copyOf(m.indicators), List.copyOf(m.context),
        List.copyOf(m.relations), List.copyOf(m.countries), m.tlp == null ? defaultTlp : m.tlp, m.tlp == null, List.copyOf(m.statements),
        List.copyOf(m.warnings), takedownReference(bundle), Set.copyOf(m.notTaken), List.copyOf(m.locations),
        namedToCoReporters(bundle));
  }

  /** The custom property by which a bundle's report or identity gives the vendor's consent to be named to co-reporters. */
  public static final String NAME_TO_CO_REPORTERS = "x_takedown_name_to_co_reporters";

  /** Consent only where said: true on a report or identity of the bundle; anything else (absent, false, "yes") is no. */
  private static boolean namedToCoReporters(StixBundle bundle) {
    for (StixObject o : bundle.objects()) {
      if (("report".equals(o.type()) || "identity".equals(o.type())) && o.json().path(NAME_TO_CO_REPORTERS).isBoolean()
          && o.json().path(NAME_TO_CO_REPORTERS).booleanValue()) {
        return true;
      }
    }
    return false;
  }

  /**
   * One pass over the objects. Every object is taken (as an indicator, context, a relationship, a country, a marking,
   * the title) or not, and what is not taken, wholly or in part, gets a warning that says why.
   */
  private static final class Mapping {
    final StixBundle bundle;
    final List<StixProblem> warnings;
    final Set<String> notTaken = new LinkedHashSet<>();
    final List<StixIndicator> indicators = new ArrayList<>();
    final List<ContextObject> context = new ArrayList<>();
    final List<Relation> relations = new ArrayList<>();
    final Set<String> countries = new LinkedHashSet<>();
    final List<StixTip.Located> locations = new ArrayList<>();
    final Set<String> statements = new LinkedHashSet<>();
    final Set<String> referencedScos;
    Tlp tlp;
    boolean titled;

    Mapping(StixBundle bundle) {
      this.bundle = bundle;
      this.warnings = new ArrayList<>(bundle.warnings());
      this.referencedScos = referencedScos(bundle);
      // The reader warned of every pattern that does not parse: such an indicator is never taken.
      bundle.warnings().stream().filter(w -> "pattern".equals(w.property()) && w.objectId() != null).forEach(w -> notTaken.add(w.objectId()));
    }

    void run() {
      for (StixObject o : bundle.objects()) {
        for (String marking : markingRefs(o.json())) {
          Optional<Tlp> t = StixMarkings.tlp(marking, bundle);
          if (t.isPresent() && (tlp == null || t.get().ordinal() < tlp.ordinal())) {
            tlp = t.get();
          }
        }
        String type = o.type() == null ? "" : o.type();
        switch (type) {
          case "indicator" -> indicator(o);
          case "observed-data" -> observation(o);
          case "relationship" -> relationship(o);
          case "sighting" -> sighting(o);
          case "location" -> location(o);
          case "marking-definition" -> StixMarkings.statement(o.json()).ifPresent(statements::add);
          case "report" -> report(o);
          default -> {
            if (CONTEXT_TYPES.contains(type)) {
              context.add(new ContextObject(type, o.id(), o.text("name").orElse(null), o.text("description").orElse(null)));
            } else if (StixReader.SCO.contains(type)) {
              if (!referencedScos.contains(o.id())) {
                standalone(o);
              }
            } else if (UNUSED_TYPES.contains(type)) {
              notTaken(o, o.pointer() + "/type", "type", "is '" + type + "': Takedown does not use " + article(type) + " " + type
                  + ", so the object was not taken (it stays in the stored bundle)");
            } else {
              notTaken(o, o.pointer() + "/type", "type", "is '" + type + "', a type Takedown does not know, so the object was not taken"
                  + " (it stays in the stored bundle); send what it says as an indicator with a pattern, or as a STIX cyber-observable");
            }
          }
        }
      }
    }

    private void indicator(StixObject o) {
      StixIndicator i = StixMapper.indicator(bundle, o);
      indicators.add(i);
      if (i.unparseable()) {
        return; // warned by the reader
      }
      boolean nothing = i.parsedStix() && i.observables().isEmpty() && i.unmapped().isEmpty();
      valueWarnings(o, o.pointer() + "/pattern", "pattern", i.warnings(), nothing);
      if (nothing) {
        notTaken.add(o.id());
        if (i.warnings().isEmpty()) {
          warnings.add(new StixProblem(o.id(), o.pointer() + "/pattern", "pattern", "states no value, so the indicator was not taken"));
        }
      }
    }

    /** Values left out because they do not fit their type; {@code whole}: nothing else of the object was taken either. */
    private void valueWarnings(StixObject o, String pointer, String property, List<String> left, boolean whole) {
      for (String w : left) {
        warnings.add(new StixProblem(o.id(), pointer, property, w + (whole
            ? "; nothing else of the " + o.type() + " could be taken, so it was not taken: correct the value and send it again"
            : "; the rest of the " + o.type() + " was taken")));
      }
    }

    /** observed-data: 2.1 object_refs point at SCOs in the bundle; 2.0 embeds them in "objects", keyed "0", "1", … */
    private void observation(StixObject o) {
      List<Extraction> parts = new ArrayList<>();
      List<String> types = new ArrayList<>();
      JsonNode embedded = o.json().path("objects");
      if (embedded.isObject()) {
        Function<String, JsonNode> byKey = key -> embedded.get(key);
        embedded.fields().forEachRemaining(e -> {
          parts.add(ObservableExtractor.fromObject(e.getValue(), byKey));
          types.add(e.getValue().path("type").asText("?"));
        });
      }
      JsonNode refs = o.json().path("object_refs");
      for (int n = 0; n < refs.size(); n++) {
        String ref = refs.get(n).asText();
        Optional<StixObject> sco = bundle.get(ref);
        if (sco.isPresent()) {
          parts.add(ObservableExtractor.fromObject(sco.get().json(), resolver(bundle)));
          types.add(sco.get().type());
        } else {
          warnings.add(new StixProblem(o.id(), o.pointer() + "/object_refs/" + n, "object_refs", missing(ref) + ": nothing of it was taken"));
        }
      }
      Extraction all = ObservableExtractor.merge(parts);
      if (all.observables().isEmpty()) {
        valueWarnings(o, o.pointer(), "objects", all.warnings(), true);
        if (all.warnings().isEmpty()) {
          notTaken(o, o.pointer(), "object_refs", "gives no value Takedown takes (its objects: "
              + (types.isEmpty() ? "none" : String.join(", ", new LinkedHashSet<>(types))) + "), so the observed-data was not taken");
        } else {
          notTaken.add(o.id());
        }
        return;
      }
      valueWarnings(o, o.pointer(), "objects", all.warnings(), false);
      indicators.add(new StixIndicator(o.id(), "observed-data", null, null, pattern(all.observables()), "stix",
          instant(o, "first_observed"), false, null, all.observables(), all.warnings(), o.pointer(), List.of()));
    }

    private void standalone(StixObject o) {
      Extraction found = ObservableExtractor.fromObject(o.json(), resolver(bundle));
      if (found.observables().isEmpty()) {
        valueWarnings(o, o.pointer(), "value", found.warnings(), true);
        if (found.warnings().isEmpty()) {
          notTaken(o, o.pointer() + "/type", "type", "is '" + o.type() + "': Takedown takes no value from " + article(o.type()) + " "
              + o.type() + " on its own, so the object was not taken (send it as an indicator with a pattern to keep it whole)");
        } else {
          notTaken.add(o.id());
        }
        return;
      }
      valueWarnings(o, o.pointer(), "value", found.warnings(), false);
      indicators.add(new StixIndicator(o.id(), o.type(), null, null, pattern(found.observables()), "stix", null, false, null,
          found.observables(), found.warnings(), o.pointer(), List.of()));
    }

    private void relationship(StixObject o) {
      String source = text(o, "source_ref");
      String target = text(o, "target_ref");
      for (String[] end : new String[][] {{"source_ref", source}, {"target_ref", target}}) {
        if (bundle.get(end[1]).isEmpty()) {
          notTaken(o, o.pointer() + "/" + end[0], end[0], missing(end[1]) + ", so the relationship was not taken");
          return;
        }
      }
      relations.add(new Relation(o.id(), source, text(o, "relationship_type"), target,
          label(bundle, source) + " " + text(o, "relationship_type") + " " + label(bundle, target)));
    }

    private void sighting(StixObject o) {
      String of = text(o, "sighting_of_ref");
      if (bundle.get(of).isEmpty()) {
        notTaken(o, o.pointer() + "/sighting_of_ref", "sighting_of_ref", missing(of) + ", so the sighting was not taken");
        return;
      }
      for (String property : List.of("observed_data_refs", "where_sighted_refs")) {
        JsonNode refs = o.json().path(property);
        for (int n = 0; n < refs.size(); n++) {
          if (bundle.get(refs.get(n).asText()).isEmpty()) {
            warnings.add(new StixProblem(o.id(), o.pointer() + "/" + property + "/" + n, property,
                missing(refs.get(n).asText()) + ": the sighting was taken without it"));
          }
        }
      }
      relations.add(StixMapper.sighting(bundle, o));
    }

    private void location(StixObject o) {
      Optional<String> country = o.text("country");
      if (country.isEmpty()) {
        notTaken(o, o.pointer(), "country", "is missing: the location names a region or coordinates only, and Takedown proposes"
            + " countries by their ISO 3166-1 code, so the location was not taken");
        return;
      }
      String code = country.get().trim().toUpperCase(Locale.ROOT);
      if (CountryCodes.isValid(code)) {
        if (countries.add(code)) {
          locations.add(new StixTip.Located(code, o.id(), o.pointer() + "/country"));
        }
      } else {
        notTaken(o, o.pointer() + "/country", "country",
            "'" + country.get() + "' is not an ISO 3166-1 alpha-2 country code; the location was not taken as a country");
      }
    }

    private void report(StixObject o) {
      boolean titles = !titled && o.text("name").isPresent();
      if (titles) {
        titled = true;
      } else {
        notTaken(o, o.pointer(), "name", "is a further report: the first report names the operation, so this one's name and"
            + " description were not taken (the objects it lists were)");
      }
      JsonNode refs = o.json().path("object_refs");
      for (int n = 0; n < refs.size(); n++) {
        if (bundle.get(refs.get(n).asText()).isEmpty()) {
          warnings.add(new StixProblem(o.id(), o.pointer() + "/object_refs/" + n, "object_refs",
              missing(refs.get(n).asText()) + ": nothing of it was taken"));
        }
      }
    }

    private void notTaken(StixObject o, String pointer, String property, String message) {
      notTaken.add(o.id());
      warnings.add(new StixProblem(o.id(), pointer, property, message));
    }

    private static String missing(String id) {
      return "refers to " + id + ", which is not in the bundle";
    }

    private static String article(String type) {
      return "aeiou".indexOf(type.charAt(0)) >= 0 ? "an" : "a";
    }
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

  /** The custom property of an indicator naming the provider or registrar of its domains and URLs (docs/providers.md). */
  public static final String PROVIDER = "x_takedown_provider";

  private static StixIndicator indicator(StixBundle bundle, StixObject o) {
    String patternType = o.text("pattern_type").orElse("stix");
    Optional<StixPattern> pattern = bundle.pattern(o.id());
    Extraction extraction = pattern.map(ObservableExtractor::fromPattern).orElse(new Extraction(List.of(), List.of()));
    Optional<PatternSyntaxException> error = bundle.patternError(o.id());
    return new StixIndicator(o.id(), "indicator", o.text("name").orElse(null), o.text("description").orElse(null),
        o.text("pattern").orElse(null), patternType, instant(o, "valid_from"), error.isPresent(),
        error.map(Throwable::getMessage).orElse(null), extraction.observables(), extraction.warnings(), o.pointer(), extraction.unmapped(),
        o.text(PROVIDER).orElse(null));
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
