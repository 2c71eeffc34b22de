package org.takedown.tip;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;
import java.util.ArrayList;
import java.util.List;
import org.takedown.system.InvalidInputException.FieldProblem;
import org.takedown.system.OneLine;
import org.takedown.system.PlainText;
import org.takedown.system.Text;

/**
 * The simple JSON tip (STIX bundles arrive at the same endpoint, see TipSubmissions). Text is checked
 * by {@link OneLine} and {@link PlainText}: no control characters, bidirectional overrides or broken
 * Unicode, and no line breaks where one line is meant.
 */
public record TipRequest(
    @NotBlank(message = "is required: a one-line title of the tip") @Size(max = 200, message = "must be at most 200 characters") @OneLine String title,
    @Size(max = 10000, message = "must be at most 10000 characters") @PlainText String summary,
    @NotBlank(message = "is required: TLP:RED, TLP:AMBER+STRICT, TLP:AMBER, TLP:GREEN or TLP:CLEAR") @OneLine String tlp,
    @OneLine String pap,
    // Optional: without it, each indicator is routed where the IP table, its own "country" or a ccTLD hint places it.
    // How many countries and indicators a tip may hold is configured (TipLimits), and checked by TipService.
    List<@OneLine String> countries,
    // A tip with nothing to act on is refused: nothing would be stored but a title. Each indicator is checked by
    // IndicatorRequest.problems, not by the bean validator: a tip may hold 50,000, and the validator's cost per element
    // was a tenth of the intake.
    @NotEmpty(message = "name at least one indicator to act on, e.g. [{\"type\": \"ipv4-addr\", \"value\": \"198.51.100.1\"}]; a tip without"
        + " indicators is not taken") List<IndicatorRequest> indicators,
    Boolean personalData,
    Boolean crossBorderEvidence,
    @Size(max = 100, message = "must be at most 100 characters") @OneLine String vendor,
    // true: the vendor agrees to be named in the documents sent to national units (default: "a private-sector partner")
    Boolean attribution,
    // true: the vendor agrees to be named to other vendors whose tips on the same infrastructure are joined to the same
    // operation (co-reporters), when they agree too; separate from attribution (default: not named)
    Boolean nameToCoReporters) {

  /**
   * @param provider optional: the hosting provider or registrar of a domain or URL as the vendor knows it ("Namecheap",
   *     "OVH SAS"); the unit's requests to providers are grouped by it (an IP address's provider comes from the IP-to-ASN
   *     table). One line, at most {@value #PROVIDER_MAX} characters.
   */
  public record IndicatorRequest(String type, String value, String country, String provider) {

    /** The longest value taken. */
    static final int VALUE_MAX = 2048;
    /** The longest provider name taken (the column's width). */
    public static final int PROVIDER_MAX = 200;

    public IndicatorRequest(String type, String value) {
      this(type, value, null, null);
    }

    public IndicatorRequest(String type, String value, String country) {
      this(type, value, country, null);
    }

    /** What is wrong with a provider's name ("must be at most 200 characters"), or null. */
    public static String providerProblem(String provider) {
      if (provider == null) {
        return null;
      }
      if (provider.strip().length() > PROVIDER_MAX) {
        return "must be at most " + PROVIDER_MAX + " characters";
      }
      return Text.problem(provider, true);
    }

    /**
     * What is wrong with the indicator at {@code indicators[i]}, field by field, in the bean validator's words: type and
     * value are required single lines, the value at most 2,048 characters; the optional country (where the vendor knows
     * the indicator to be, ISO 3166-1 alpha-2; it wins over the IP table, which is shown beside it) a single line.
     */
    static List<FieldProblem> problems(int i, IndicatorRequest indicator) {
      String at = "indicators[" + i + "]";
      if (indicator == null) {
        return List.of(new FieldProblem(at, "must not be null"));
      }
      List<FieldProblem> problems = new ArrayList<>(0);
      required(at + ".type", indicator.type(), problems);
      required(at + ".value", indicator.value(), problems);
      if (indicator.value() != null && indicator.value().length() > VALUE_MAX) {
        problems.add(new FieldProblem(at + ".value", "must be at most " + VALUE_MAX + " characters"));
      }
      oneLine(at + ".country", indicator.country(), problems);
      String provider = providerProblem(indicator.provider());
      if (provider != null) {
        problems.add(new FieldProblem(at + ".provider", provider));
      }
      return problems;
    }

    private static void required(String field, String text, List<FieldProblem> problems) {
      if (text == null || text.isBlank()) {
        problems.add(new FieldProblem(field, "is required"));
      }
      oneLine(field, text, problems);
    }

    private static void oneLine(String field, String text, List<FieldProblem> problems) {
      String problem = Text.problem(text, true);
      if (problem != null) {
        problems.add(new FieldProblem(field, problem));
      }
    }
  }
}
