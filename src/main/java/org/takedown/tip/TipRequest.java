package org.takedown.tip;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;

/** The simple JSON tip. STIX bundles arrive at the same endpoint in a later version. */
public record TipRequest(
    @NotBlank(message = "is required: a one-line title of the tip") @Size(max = 200, message = "must be at most 200 characters") String title,
    @Size(max = 10000, message = "must be at most 10000 characters") String summary,
    @NotBlank(message = "is required: TLP:RED, TLP:AMBER+STRICT, TLP:AMBER, TLP:GREEN or TLP:CLEAR") String tlp,
    String pap,
    @NotEmpty(message = "name at least one affected country as an ISO 3166-1 alpha-2 code, e.g. [\"DE\", \"FR\"]") @Size(max = 60, message = "may name at most 60 countries") List<String> countries,
    @Size(max = 10000, message = "may hold at most 10000 indicators per tip") List<@Valid @NotNull(message = "must not be null") IndicatorRequest> indicators,
    Boolean personalData,
    Boolean crossBorderEvidence,
    @Size(max = 100, message = "must be at most 100 characters") String vendor) {

  public record IndicatorRequest(
      @NotBlank(message = "is required") String type,
      @NotBlank(message = "is required") @Size(max = 2048, message = "must be at most 2048 characters") String value) {}
}
