package org.takedown.stix;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.takedown.stix.StixPattern.Comparison;
import org.takedown.stix.StixPattern.IntValue;
import org.takedown.stix.StixPattern.Operator;
import org.takedown.stix.StixPattern.Property;
import org.takedown.stix.StixPattern.Step;
import org.takedown.stix.StixPattern.StringValue;
import org.takedown.stix.StixPattern.Value;
import org.takedown.stix.StixPattern.ValueList;

/**
 * Finds the observables a pattern or a cyber-observable object names. From a pattern, only what a
 * comparison asserts counts: =, IN and ISSUBSET (for addresses) give exact values, LIKE and MATCHES
 * loose ones; negated comparisons (!=, NOT …), orderings and EXISTS say nothing an operation can act
 * on and are left out. A value that does not fit its type (ipv4-addr:value = 'x') becomes a warning.
 * Every comparison that gives no exact value for another reason (a property of no observable type, such
 * as file:name; LIKE, MATCHES, a negation, an ordering) is listed in {@code unmapped}: the pattern then
 * says more than its values, and intake keeps it whole as a pattern indicator.
 */
public final class ObservableExtractor {

  /**
   * What was found, without duplicates, why some values were left out, and the comparisons that gave no
   * exact value (in the pattern's canonical form, e.g. {@code file:name = 'CBricksDoc'}).
   */
  public record Extraction(List<Observable> observables, List<String> warnings, List<String> unmapped) {
    public Extraction(List<Observable> observables, List<String> warnings) {
      this(observables, warnings, List.of());
    }

    /** True when every comparison gave an exact value or a warning: the values say all the pattern says. */
    public boolean complete() {
      return unmapped.isEmpty();
    }
  }

  private static final Pattern ADDRESS = Pattern.compile("[0-9./]+");

  private final Map<String, Observable> found = new LinkedHashMap<>();
  private final List<String> warnings = new ArrayList<>();
  private final List<String> unmapped = new ArrayList<>();

  private ObservableExtractor() {}

  public static Extraction fromPattern(StixPattern pattern) {
    ObservableExtractor extractor = new ObservableExtractor();
    pattern.root().visit(extractor::comparison);
    return extractor.result();
  }

  /**
   * From one cyber-observable object (2.1 SCO or an entry of a 2.0 observed-data "objects" map);
   * {@code resolve} finds the object a *_ref names (by id, or by key in 2.0).
   */
  public static Extraction fromObject(JsonNode object, Function<String, JsonNode> resolve) {
    ObservableExtractor extractor = new ObservableExtractor();
    extractor.object(object, resolve);
    return extractor.result();
  }

  static Extraction merge(List<Extraction> parts) {
    ObservableExtractor extractor = new ObservableExtractor();
    for (Extraction part : parts) {
      part.observables().forEach(o -> extractor.found.putIfAbsent(key(o), o));
      extractor.warnings.addAll(part.warnings());
      extractor.unmapped.addAll(part.unmapped());
    }
    return extractor.result();
  }

  private Extraction result() {
    return new Extraction(List.copyOf(found.values()), List.copyOf(warnings), List.copyOf(unmapped));
  }

  private void comparison(Comparison c) {
    if (c.negated() || !(c.asserts() || c.operator() == Operator.LIKE || c.operator() == Operator.MATCHES)) {
      unmapped.add(c.toString());
      return;
    }
    Optional<ObservableType> type = typeOf(c);
    if (type.isEmpty()) {
      unmapped.add(c.toString());
      return;
    }
    boolean network = c.path().objectType().equals("network-traffic") && c.path().properties().equals("dst_ref.value");
    if (c.operator() == Operator.ISSUBSET && type.get() != ObservableType.IPV4 && type.get() != ObservableType.IPV6 && !network) {
      unmapped.add(c.toString());
      return;
    }
    boolean loose = c.operator() == Operator.LIKE || c.operator() == Operator.MATCHES;
    boolean numeric = type.get() == ObservableType.DST_PORT || type.get() == ObservableType.ASN;
    List<Value> values = c.value() instanceof ValueList list ? list.values() : List.of(c.value());
    boolean allExact = !loose;
    for (Value value : values) {
      String text = value instanceof StringValue s ? s.value()
          : value instanceof IntValue i && numeric ? i.value().toString() : null;
      if (text == null) {
        allExact = false;
        continue;
      }
      ObservableType t = network ? addressType(text) : type.get();
      if (loose) {
        add(Observable.loose(t, text));
      } else {
        exact(t, text, c.path().toString());
      }
    }
    if (!allExact) {
      unmapped.add(c.toString());
    }
  }

  private static Optional<ObservableType> typeOf(Comparison c) {
    String object = c.path().objectType();
    String properties = c.path().properties();
    List<Step> steps = c.path().steps().stream().filter(s -> s instanceof Property).toList();
    if (properties.equals("value")) {
      Optional<ObservableType> simple = switch (object) {
        case "ipv4-addr" -> Optional.of(ObservableType.IPV4);
        case "ipv6-addr" -> Optional.of(ObservableType.IPV6);
        case "domain-name" -> Optional.of(ObservableType.DOMAIN);
        case "url" -> Optional.of(ObservableType.URL);
        case "email-addr" -> Optional.of(ObservableType.EMAIL);
        default -> Optional.empty();
      };
      return simple;
    }
    if (object.equals("email-message")) {
      if (properties.equals("from_ref.value") || properties.equals("sender_ref.value")) {
        return Optional.of(ObservableType.EMAIL);
      }
      if (properties.equals("subject")) {
        return Optional.of(ObservableType.EMAIL_SUBJECT);
      }
    }
    if (object.equals("x509-certificate")) {
      if (properties.equals("serial_number")) {
        return Optional.of(ObservableType.X509_SERIAL);
      }
      if (properties.equals("issuer")) {
        return Optional.of(ObservableType.X509_ISSUER);
      }
    }
    if (object.equals("autonomous-system") && properties.equals("number")) {
      return Optional.of(ObservableType.ASN);
    }
    if (object.equals("network-traffic")) {
      if (properties.equals("dst_ref.value")) {
        return Optional.of(ObservableType.IPV4); // refined per value by addressType
      }
      if (properties.equals("dst_port")) {
        return Optional.of(ObservableType.DST_PORT);
      }
    }
    int n = steps.size();
    if (n >= 2 && ((Property) steps.get(n - 2)).name().equals("hashes")) {
      boolean fileLike = n == 2 ? object.equals("file") || object.equals("artifact")
          : ((Property) steps.get(n - 3)).name().endsWith("_ref");
      if (fileLike) {
        return ObservableType.ofHash(((Property) steps.get(n - 1)).name());
      }
    }
    return Optional.empty();
  }

  /** A network-traffic destination is an IPv4 or IPv6 address or a domain name; its shape tells which. */
  private static ObservableType addressType(String value) {
    if (value.contains(":")) {
      return ObservableType.IPV6;
    }
    return ADDRESS.matcher(value).matches() ? ObservableType.IPV4 : ObservableType.DOMAIN;
  }

  private void object(JsonNode o, Function<String, JsonNode> resolve) {
    String type = o.path("type").asText("");
    switch (type) {
      case "ipv4-addr" -> text(o, "value").ifPresent(v -> exact(ObservableType.IPV4, v, type + ".value"));
      case "ipv6-addr" -> text(o, "value").ifPresent(v -> exact(ObservableType.IPV6, v, type + ".value"));
      case "domain-name" -> text(o, "value").ifPresent(v -> exact(ObservableType.DOMAIN, v, type + ".value"));
      case "url" -> text(o, "value").ifPresent(v -> exact(ObservableType.URL, v, type + ".value"));
      case "email-addr" -> text(o, "value").ifPresent(v -> exact(ObservableType.EMAIL, v, type + ".value"));
      case "file", "artifact" -> hashes(o, type);
      case "x509-certificate" -> {
        text(o, "serial_number").ifPresent(v -> exact(ObservableType.X509_SERIAL, v, type + ".serial_number"));
        text(o, "issuer").ifPresent(v -> exact(ObservableType.X509_ISSUER, v, type + ".issuer"));
      }
      case "autonomous-system" -> {
        JsonNode number = o.path("number");
        if (number.isIntegralNumber() || number.isTextual()) {
          exact(ObservableType.ASN, number.asText(), type + ".number");
        }
      }
      case "email-message" -> {
        for (String ref : List.of("from_ref", "sender_ref")) {
          text(o, ref).map(resolve).flatMap(a -> text(a, "value")).ifPresent(v -> exact(ObservableType.EMAIL, v, type + "." + ref));
        }
        text(o, "subject").ifPresent(v -> exact(ObservableType.EMAIL_SUBJECT, v, type + ".subject"));
      }
      case "network-traffic" -> {
        text(o, "dst_ref").map(resolve).ifPresent(d -> text(d, "value").ifPresent(v -> exact(addressType(v), v, type + ".dst_ref")));
        if (o.path("dst_port").canConvertToInt()) {
          exact(ObservableType.DST_PORT, o.path("dst_port").asText(), type + ".dst_port");
        }
      }
      default -> {
      }
    }
  }

  private void hashes(JsonNode o, String type) {
    JsonNode hashes = o.path("hashes");
    hashes.fieldNames().forEachRemaining(algorithm -> ObservableType.ofHash(algorithm).ifPresent(t -> {
      if (hashes.path(algorithm).isTextual()) {
        exact(t, hashes.path(algorithm).asText(), type + ".hashes." + algorithm);
      }
    }));
  }

  private static Optional<String> text(JsonNode o, String field) {
    return o != null && o.path(field).isTextual() ? Optional.of(o.path(field).asText()) : Optional.empty();
  }

  private void exact(ObservableType type, String value, String where) {
    try {
      add(Observable.exact(type, value));
    } catch (IllegalArgumentException e) {
      warnings.add("'" + value + "' in " + where + " was left out: it " + e.getMessage());
    }
  }

  private void add(Observable o) {
    found.putIfAbsent(key(o), o);
  }

  private static String key(Observable o) {
    return o.type() + "|" + o.exact() + "|" + (o.exact() ? o.normalizedValue() : o.value());
  }
}
