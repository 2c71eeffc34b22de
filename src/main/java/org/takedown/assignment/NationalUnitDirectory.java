package org.takedown.assignment;

import org.takedown.system.CountryCodes;
import org.takedown.system.CountryLanguages;
import org.takedown.system.Language;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.io.Resource;
import org.springframework.stereotype.Component;

/**
 * Country → national unit and (where it has one) alternate unit, from a YAML file an operator maintains
 * ({@code config/national-units.yml}). The file is read again when it changes, so a missing
 * country can be added and the failed step retried without a restart.
 */
@Component
public class NationalUnitDirectory {

  private static final Logger log = LoggerFactory.getLogger(NationalUnitDirectory.class);
  private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");

  private final Resource location;
  private Map<String, Entry> entries;
  private long loadedModified = Long.MIN_VALUE;

  NationalUnitDirectory(@Value("${takedown.national-units:file:config/national-units.yml}") Resource location) {
    this.location = location;
    reloadIfChanged();
  }

  /**
   * A country's unit, and its alternate unit or null (a National Central Bureau alone has none); {@code dailyDigest}:
   * the unit asked for the daily digest of what waits for it ({@code digest: daily}).
   */
  public record Entry(String country, NationalUnit unit, NationalUnit alternate, boolean dailyDigest) {}

  /** The entry for a country, or empty when the directory does not list it. */
  public synchronized Optional<Entry> find(String country) {
    reloadIfChanged();
    return Optional.ofNullable(entries.get(country));
  }

  /** Those of the countries the directory has no unit for, in their order. */
  public synchronized List<String> withoutUnit(Collection<String> countries) {
    reloadIfChanged();
    return countries.stream().filter(country -> !entries.containsKey(country)).toList();
  }

  public synchronized List<Entry> all() {
    reloadIfChanged();
    return List.copyOf(entries.values());
  }

  /** The countries whose unit asked for the daily digest, in code order. */
  public synchronized List<Entry> dailyDigests() {
    reloadIfChanged();
    return entries.values().stream().filter(Entry::dailyDigest).toList();
  }

  public String describeLocation() {
    return location.getDescription();
  }

  private void reloadIfChanged() {
    long modified = lastModified();
    if (entries != null && modified == loadedModified) {
      return;
    }
    try (InputStream in = location.getInputStream()) {
      entries = parse(new ObjectMapper(new YAMLFactory()).readTree(in));
      loadedModified = modified;
      log.info("National unit directory {}: {} countries", location.getDescription(), entries.size());
    } catch (IOException e) {
      throw new IllegalStateException("Cannot read the national unit directory " + location.getDescription() + ": " + e.getMessage(), e);
    }
  }

  private long lastModified() {
    try {
      return location.lastModified();
    } catch (IOException e) {
      return 0;
    }
  }

  private Map<String, Entry> parse(JsonNode root) {
    JsonNode units = root == null ? null : root.get("units");
    if (units == null || !units.isObject()) {
      throw new IllegalStateException(location.getDescription() + " must have a 'units' map of country code → unit");
    }
    Map<String, Entry> result = new TreeMap<>();
    List<String> problems = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = units.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      String country = field.getKey().toUpperCase(Locale.ROOT);
      if (!CountryCodes.isValid(country)) {
        problems.add("'" + field.getKey() + "' is not an ISO 3166-1 alpha-2 code");
        continue;
      }
      // A unit reads its country's default language unless it says otherwise; an alternate, its main unit's.
      Language language = language(country, field.getValue(), CountryLanguages.of(country), problems);
      NationalUnit unit = unit(country, field.getValue(), language, problems);
      JsonNode other = field.getValue().get("alternate");
      NationalUnit alternate = other == null || other.isNull() ? null
          : unit(country + ".alternate", other, language(country + ".alternate", other, language, problems), problems);
      String digest = field.getValue().path("digest").asText("none").trim().toLowerCase(Locale.ROOT);
      if (!digest.equals("daily") && !digest.equals("none")) {
        problems.add(country + ".digest '" + field.getValue().path("digest").asText() + "' is not 'daily' or 'none'");
      }
      result.put(country, new Entry(country, unit, alternate, digest.equals("daily")));
    }
    if (!problems.isEmpty()) {
      throw new IllegalStateException("National unit directory " + location.getDescription() + " is invalid: " + String.join("; ", problems));
    }
    return result;
  }

  private static Language language(String path, JsonNode node, Language fallback, List<String> problems) {
    JsonNode given = node == null ? null : node.get("language");
    if (given == null || given.isNull()) {
      return fallback;
    }
    try {
      return Language.of(given.asText());
    } catch (IllegalArgumentException e) {
      problems.add(path + ".language: " + e.getMessage());
      return fallback;
    }
  }

  private static NationalUnit unit(String path, JsonNode node, Language language, List<String> problems) {
    if (node == null || !node.isObject()) {
      problems.add(path + " needs 'name' and 'email'");
      return null;
    }
    String name = node.path("name").asText("").trim();
    String email = node.path("email").asText("").trim();
    if (name.isEmpty()) {
      problems.add(path + ".name is missing");
    }
    if (!EMAIL.matcher(email).matches()) {
      problems.add(path + ".email '" + email + "' is not an email address");
    }
    return new NationalUnit(name, email, language);
  }
}
