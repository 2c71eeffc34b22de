package org.takedown.dossier;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.takedown.provider.ProviderAnswer;
import org.takedown.provider.ProviderRequest;
import org.takedown.provider.ProviderRequestKind;
import org.takedown.provider.ProviderRequestView;
import org.takedown.provider.ProviderRequests;
import org.takedown.security.Disclosure;
import org.takedown.system.CountryCodes;

/**
 * The operation page's providers, per country: how many providers were asked (a request sent), answered and complied
 * (the takedown request), and each provider in a line with the state of its two requests, so that the coordinators see
 * where a takedown is stuck. A unit sees its own country only (Disclosure).
 */
@Component
class ProvidersSection {

  private final ProviderRequests requests;

  ProvidersSection(ProviderRequests requests) {
    this.requests = requests;
  }

  /** One provider of a country: its two requests' states ("drafted", "sent 2026-12-01", "preserved until …"). */
  record ProviderLine(String name, String key, int indicators, String preservation, String takedown) {}

  record CountryProviders(String code, String name, int providers, int asked, int answered, int complied, List<ProviderLine> lines) {

    /** "3 providers: 2 asked, 1 answered, 1 complied". */
    public String summary() {
      return providers + (providers == 1 ? " provider: " : " providers: ") + asked + " asked, " + answered + " answered, " + complied
          + " complied";
    }
  }

  List<CountryProviders> of(String reference, Disclosure reader) {
    Map<String, Map<String, List<ProviderRequest>>> byCountry = new LinkedHashMap<>();
    for (ProviderRequest r : requests.forOperation(reference)) {
      if (reader.seesCountry(r.getCountry())) {
        byCountry.computeIfAbsent(r.getCountry(), c -> new LinkedHashMap<>()).computeIfAbsent(r.getProviderKey(), k -> new ArrayList<>()).add(r);
      }
    }
    List<CountryProviders> countries = new ArrayList<>();
    byCountry.forEach((country, providers) -> {
      int asked = 0;
      int answered = 0;
      int complied = 0;
      List<ProviderLine> lines = new ArrayList<>();
      for (List<ProviderRequest> pair : providers.values()) {
        ProviderRequest preservation = pair.stream().filter(r -> r.getKind() == ProviderRequestKind.PRESERVATION).findFirst().orElse(null);
        ProviderRequest takedown = pair.stream().filter(r -> r.getKind() == ProviderRequestKind.TAKEDOWN).findFirst().orElse(null);
        asked += pair.stream().anyMatch(r -> r.getSentAt() != null) ? 1 : 0;
        answered += pair.stream().anyMatch(r -> r.getAnswer() != null) ? 1 : 0;
        complied += takedown != null && takedown.getAnswer() == ProviderAnswer.COMPLIED ? 1 : 0;
        ProviderRequest any = pair.get(0);
        lines.add(new ProviderLine(any.getProviderName(), any.getProviderKey(), any.getIndicators(),
            preservation == null ? "" : ProviderRequestView.of(preservation).state(), takedown == null ? "" : ProviderRequestView.of(takedown).state()));
      }
      countries.add(new CountryProviders(country, CountryCodes.name(country), providers.size(), asked, answered, complied, lines));
    });
    return countries;
  }
}
