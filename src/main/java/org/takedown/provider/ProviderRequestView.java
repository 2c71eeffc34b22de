package org.takedown.provider;

import java.time.Instant;

/**
 * A provider request as the API and the operation page show it, with its state in a few words: "drafted", "sent
 * 2026-12-01", "complied 2026-12-03", "refused", "no answer", "preserved until 2027-01-30", "renewed, preserved until
 * …", "followed by mutual assistance", "lapsed 2027-01-30".
 */
public record ProviderRequestView(long id, String country, ProviderRequestKind kind, String providerKey, String providerName,
    int indicators, Instant draftedAt, Instant sentAt, ProviderAnswer answer, Instant answeredAt, Instant preservedUntil,
    PreservationFollowUp followUp, Instant followUpAt, String state) {

  public static ProviderRequestView of(ProviderRequest r) {
    return new ProviderRequestView(r.getId(), r.getCountry(), r.getKind(), r.getProviderKey(), r.getProviderName(), r.getIndicators(),
        r.getDraftedAt(), r.getSentAt(), r.getAnswer(), r.getAnsweredAt(), r.getPreservedUntil(), r.getFollowUp(), r.getFollowUpAt(),
        state(r));
  }

  static String state(ProviderRequest r) {
    if (r.getSentAt() == null) {
      return "drafted";
    }
    if (r.getFollowUp() == PreservationFollowUp.LAPSED) {
      return "lapsed " + day(r.getFollowUpAt());
    }
    if (r.getFollowUp() == PreservationFollowUp.MUTUAL_ASSISTANCE) {
      return "followed by mutual assistance " + day(r.getFollowUpAt());
    }
    if (r.getAnswer() == ProviderAnswer.REFUSED) {
      return "refused " + day(r.getAnsweredAt());
    }
    if (r.getKind() == ProviderRequestKind.PRESERVATION && r.getPreservedUntil() != null) {
      return (r.getFollowUp() == PreservationFollowUp.RENEWED ? "renewed, preserved until " : "preserved until ") + day(r.getPreservedUntil());
    }
    if (r.getAnswer() == ProviderAnswer.COMPLIED) {
      return "complied " + day(r.getAnsweredAt());
    }
    if (r.getAnswer() == ProviderAnswer.NO_ANSWER) {
      return "no answer";
    }
    return "sent " + day(r.getSentAt());
  }

  private static String day(Instant at) {
    return at == null ? "" : at.toString().substring(0, 10);
  }
}
