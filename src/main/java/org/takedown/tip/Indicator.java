package org.takedown.tip;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import org.takedown.operation.Operation;

/**
 * An observable from a tip; the normalised value is what correlation between operations matches on.
 * A <em>pattern indicator</em> (type {@value #PATTERN}) is a STIX indicator kept whole because its pattern
 * says more than the typed values hold (an email message, a file name, a pattern of another language):
 * its pattern verbatim, its pattern language, and the STIX indicator's id and name.
 */
@Entity
@Table(name = "indicator")
public class Indicator {

  /** The type of a pattern indicator. */
  public static final String PATTERN = "pattern";
  /** indicator_value and normalized_value hold at most this many characters. */
  static final int VALUE_LENGTH = 2048;

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @ManyToOne(fetch = FetchType.LAZY, optional = false)
  @JoinColumn(name = "operation_id")
  private Operation operation;

  @ManyToOne(fetch = FetchType.LAZY, optional = false)
  @JoinColumn(name = "tip_id")
  private Tip tip;

  @Column(nullable = false, length = 32)
  private String type;

  @Column(name = "indicator_value", nullable = false, length = 2048)
  private String value;

  @Column(name = "normalized_value", nullable = false, length = 2048)
  private String normalizedValue;

  @Column(name = "pattern_type", length = 64)
  private String patternType;

  // text on PostgreSQL, clob on H2 (db/vendor/postgresql/V0_1), never a large-object oid; '' on a typed row, never
  // null: PostgreSQL's driver refuses the null of this type (V40)
  @JdbcTypeCode(SqlTypes.LONG32VARCHAR)
  @Column(nullable = false, columnDefinition = "clob")
  private String pattern = "";

  @Column(name = "stix_id", length = 300)
  private String stixId;

  @Column(name = "indicator_name", length = 300)
  private String name;

  /** The provider or registrar of a domain or URL as the vendor stated it or a coordinator set it; null: not known. */
  @Column(length = 200)
  private String provider;

  protected Indicator() {}

  Indicator(Operation operation, Tip tip, IndicatorType type, String value, String normalizedValue) {
    this.operation = operation;
    this.tip = tip;
    this.type = type.id();
    this.value = value;
    this.normalizedValue = normalizedValue;
  }

  /** A pattern indicator; see {@link PatternIndicator} for its values. */
  Indicator(Operation operation, Tip tip, PatternIndicator p) {
    this.operation = operation;
    this.tip = tip;
    this.type = PATTERN;
    this.value = PatternIndicator.opening(p.pattern(), VALUE_LENGTH);
    this.normalizedValue = p.normalized();
    this.pattern = p.pattern();
    this.patternType = p.patternType();
    this.stixId = p.stixId();
    this.name = p.name();
  }

  /** The same indicator in another operation (a merge). */
  Indicator copyTo(Operation into) {
    Indicator copy = new Indicator();
    copy.operation = into;
    copy.tip = tip;
    copy.type = type;
    copy.value = value;
    copy.normalizedValue = normalizedValue;
    copy.pattern = pattern == null ? "" : pattern;
    copy.patternType = patternType;
    copy.stixId = stixId;
    copy.name = name;
    copy.provider = provider;
    return copy;
  }

  public boolean isPattern() {
    return PATTERN.equals(type);
  }

  public String getProvider() {
    return provider;
  }

  public Long getId() {
    return id;
  }

  public Operation getOperation() {
    return operation;
  }

  public Tip getTip() {
    return tip;
  }

  public String getType() {
    return type;
  }

  public String getValue() {
    return value;
  }

  public String getNormalizedValue() {
    return normalizedValue;
  }

  /** The pattern language of a pattern indicator (stix, snort, yara, sigma…), else null. */
  public String getPatternType() {
    return patternType;
  }

  /** The whole pattern as sent, for a pattern indicator; else null. */
  public String getPattern() {
    return pattern == null || pattern.isEmpty() ? null : pattern;
  }

  /** The STIX indicator's id, for a pattern indicator; else null. */
  public String getStixId() {
    return stixId;
  }

  /** The STIX indicator's name, if it had one, for a pattern indicator; else null. */
  public String getName() {
    return name;
  }
}
