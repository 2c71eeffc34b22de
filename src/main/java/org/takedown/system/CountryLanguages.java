package org.takedown.system;

import java.util.Set;

/**
 * The language a country's unit reads unless the directory says otherwise ({@code language:} in
 * config/national-units.yml): one of INTERPOL's working languages, Arabic, French or Spanish where it is the language
 * of the country's administration, English elsewhere. A default only: a unit that prefers another language says so.
 */
public final class CountryLanguages {

  private CountryLanguages() {}

  /** Members of the League of Arab States, and Arabic-speaking administrations. */
  private static final Set<String> ARABIC = Set.of("AE", "BH", "DZ", "EG", "IQ", "JO", "KW", "LB", "LY", "MA", "MR", "OM", "PS", "QA",
      "SA", "SD", "SO", "SY", "TN", "YE");
  /** Administrations working in French (Francophone Africa, the Indian Ocean, Europe, the Caribbean). */
  private static final Set<String> FRENCH = Set.of("BE", "BF", "BI", "BJ", "CD", "CF", "CG", "CI", "CM", "DJ", "FR", "GA", "GN", "HT",
      "KM", "LU", "MC", "MG", "ML", "NE", "SN", "TD", "TG");
  /** Spanish-speaking administrations. */
  private static final Set<String> SPANISH = Set.of("AR", "BO", "CL", "CO", "CR", "CU", "DO", "EC", "ES", "GQ", "GT", "HN", "MX", "NI",
      "PA", "PE", "PY", "SV", "UY", "VE");

  public static Language of(String country) {
    if (ARABIC.contains(country)) {
      return new Language("ar");
    }
    if (FRENCH.contains(country)) {
      return new Language("fr");
    }
    if (SPANISH.contains(country)) {
      return new Language("es");
    }
    return Language.ENGLISH;
  }
}
