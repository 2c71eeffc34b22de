package org.takedown.tip;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.takedown.system.OneLine;
import org.takedown.system.PlainText;

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
    // A tip with nothing to act on is refused: nothing would be stored but a title.
    @NotEmpty(message = "name at least one indicator to act on, e.g. [{\"type\": \"ipv4-addr\", \"value\": \"198.51.100.1\"}]; a tip without"
        + " indicators is not taken") List<@Valid @NotNull(message = "must not be null") IndicatorRequest> indicators,
    Boolean personalData,
    Boolean crossBorderEvidence,
    @Size(max = 100, message = "must be at most 100 characters") @OneLine String vendor,
    // true: the vendor agrees to be named in the documents sent to national units (default: "a private-sector partner")
    Boolean attribution) {

  public record IndicatorRequest(
      @NotBlank(message = "is required") @OneLine String type,
      @NotBlank(message = "is required") @Size(max = 2048, message = "must be at most 2048 characters") @OneLine String value,
      // Optional: where the vendor knows the indicator to be (ISO 3166-1 alpha-2); wins over the IP table, which is shown beside it.
      @OneLine String country) {

    public IndicatorRequest(String type, String value) {
      this(type, value, null);
    }
  }
}
