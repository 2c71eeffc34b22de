package org.takedown.system;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.takedown.system.InvalidInputException.FieldProblem;

/** ISO 3166-1 alpha-2 country codes, as the contract names countries. */
public final class CountryCodes {

  private static final Set<String> ISO = Set.of(Locale.getISOCountries());

  /** Codes people use that ISO 3166-1 does not (UK for the United Kingdom, EL for Greece in the EU's usage). */
  private static final Map<String, String> ALIASES = Map.of("UK", "GB", "EL", "GR");

  private CountryCodes() {}

  public static boolean isValid(String code) {
    return code != null && ISO.contains(code);
  }

  /** Upper-cases and de-duplicates; rejects unknown codes and an empty list, naming each bad entry. */
  public static List<String> normalise(String field, List<String> codes) {
    if (codes == null || codes.isEmpty()) {
      throw new InvalidInputException(field, "name at least one affected country as an ISO 3166-1 alpha-2 code, e.g. [\"DE\", \"FR\"]");
    }
    Set<String> result = new LinkedHashSet<>();
    List<FieldProblem> problems = new ArrayList<>();
    for (int i = 0; i < codes.size(); i++) {
      String code = codes.get(i) == null ? "" : codes.get(i).trim().toUpperCase(Locale.ROOT);
      if (!isValid(code)) {
        problems.add(new FieldProblem(field + "[" + i + "]", "'" + codes.get(i) + "' is not an ISO 3166-1 alpha-2 country code"
            + (ALIASES.containsKey(code) ? "; did you mean " + ALIASES.get(code) + " (" + name(ALIASES.get(code)) + ")?" : "")));
      } else {
        result.add(code);
      }
    }
    if (!problems.isEmpty()) {
      throw new InvalidInputException(problems);
    }
    return List.copyOf(result);
  }

  /** For people: "Germany (DE), France (FR)"; "none" for no country. */
  public static String names(List<String> codes) {
    return codes.isEmpty() ? "none" : String.join(", ", codes.stream().map(code -> name(code) + " (" + code + ")").toList());
  }

  public static String name(String code) {
    return new Locale("", code).getDisplayCountry(Locale.ENGLISH);
  }

  /** The country's name in a unit's language ("Allemagne", "ألمانيا"); in English as a sentence reads it ({@link #inProse}). */
  public static String name(String code, Language language) {
    return language.equals(Language.ENGLISH) ? inProse(code) : new Locale("", code).getDisplayCountry(language.locale());
  }

  /** Countries whose name takes "the" in a sentence, beyond the United …, … Islands and … Republic ones. */
  private static final Set<String> WITH_THE = Set.of("NL", "PH", "GM", "BS", "KM", "MV", "SC");

  /** The name as a sentence reads it: "act in the Netherlands", "the evidence for Germany". */
  public static String inProse(String code) {
    String name = name(code);
    return WITH_THE.contains(code) || name.startsWith("United ") || name.endsWith(" Islands") || name.endsWith(" Republic")
        ? "the " + name : name;
  }
}
