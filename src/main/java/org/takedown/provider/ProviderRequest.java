package org.takedown.provider;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Duration;
import java.time.Instant;
import org.takedown.operation.Operation;
import org.takedown.system.Language;
import org.takedown.system.PartnerMessages;

/** One legal request a unit sends to one provider, drafted at acceptance; its indicators are in provider_request_indicator. */
@Entity
@Table(name = "provider_request")
public class ProviderRequest {

  /** Article 29(7): a preservation holds for at least 60 days. */
  public static final Duration PRESERVATION_PERIOD = Duration.ofDays(60);

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @ManyToOne(fetch = FetchType.LAZY, optional = false)
  @JoinColumn(name = "operation_id")
  private Operation operation;

  @Column(nullable = false, length = 2)
  private String country;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false, length = 16)
  private ProviderRequestKind kind;

  /** "AS13335" for an autonomous system, otherwise the provider's name in lower case. */
  @Column(name = "provider_key", nullable = false, length = 64)
  private String providerKey;

  @Column(name = "provider_name", nullable = false, length = 200)
  private String providerName;

  @Column(nullable = false)
  private int indicators;

  @Column(name = "drafted_at", nullable = false)
  private Instant draftedAt;

  @Column(name = "sent_at")
  private Instant sentAt;

  @Enumerated(EnumType.STRING)
  @Column(length = 16)
  private ProviderAnswer answer;

  @Column(name = "answered_at")
  private Instant answeredAt;

  @Column(name = "preserved_until")
  private Instant preservedUntil;

  @Enumerated(EnumType.STRING)
  @Column(name = "follow_up", length = 32)
  private PreservationFollowUp followUp;

  @Column(name = "follow_up_at")
  private Instant followUpAt;

  @Version
  private int version;

  protected ProviderRequest() {}

  ProviderRequest(Operation operation, String country, ProviderRequestKind kind, String providerKey, String providerName, int indicators,
      Instant now) {
    this.operation = operation;
    this.country = country;
    this.kind = kind;
    this.providerKey = providerKey;
    this.providerName = providerName;
    this.indicators = indicators;
    this.draftedAt = now;
  }

  // Dates to the second: the database keeps microseconds and the preservation clock's timers milliseconds; a date that
  // reads the same everywhere is one the clock can compare.
  void sent(Instant on) {
    on = on.truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    this.sentAt = on;
    if (kind == ProviderRequestKind.PRESERVATION) {
      this.preservedUntil = on.plus(PRESERVATION_PERIOD);
    }
  }

  void answered(ProviderAnswer answer, Instant on) {
    on = on.truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    this.answer = answer;
    this.answeredAt = on;
  }

  void followedUp(PreservationFollowUp followUp, Instant on) {
    on = on.truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    this.followUp = followUp;
    this.followUpAt = on;
    if (followUp == PreservationFollowUp.RENEWED) {
      this.preservedUntil = on.plus(PRESERVATION_PERIOD);
    }
  }

  /** Whether drafting found the provider: not the group of indicators no table or statement placed ("provider not identified"). */
  public boolean identified() {
    return !ProviderGroups.UNKNOWN.equals(providerKey);
  }

  /** The provider as a unit reads it: its name, or "provider not identified" in the unit's language ({@code provider.unknown}). */
  public String providerName(Language language, PartnerMessages messages) {
    return identified() ? providerName : messages.text(language, "provider.unknown");
  }

  /** "AS13335" where the provider is an autonomous system, else null. */
  public String autonomousSystem() {
    return providerKey.matches("AS\\d+") ? providerKey : null;
  }

  /** A preservation that was sent and is neither refused, followed by mutual assistance, nor lapsed: its clock runs. */
  public boolean preservationRunning() {
    return kind == ProviderRequestKind.PRESERVATION && sentAt != null && answer != ProviderAnswer.REFUSED
        && followUp != PreservationFollowUp.MUTUAL_ASSISTANCE && followUp != PreservationFollowUp.LAPSED;
  }

  public Long getId() {
    return id;
  }

  public Operation getOperation() {
    return operation;
  }

  public String getCountry() {
    return country;
  }

  public ProviderRequestKind getKind() {
    return kind;
  }

  public String getProviderKey() {
    return providerKey;
  }

  public String getProviderName() {
    return providerName;
  }

  public int getIndicators() {
    return indicators;
  }

  public Instant getDraftedAt() {
    return draftedAt;
  }

  public Instant getSentAt() {
    return sentAt;
  }

  public ProviderAnswer getAnswer() {
    return answer;
  }

  public Instant getAnsweredAt() {
    return answeredAt;
  }

  public Instant getPreservedUntil() {
    return preservedUntil;
  }

  public PreservationFollowUp getFollowUp() {
    return followUp;
  }

  public Instant getFollowUpAt() {
    return followUpAt;
  }
}
