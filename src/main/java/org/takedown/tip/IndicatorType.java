package org.takedown.tip;

import java.util.Arrays;
import java.util.Optional;
import org.takedown.stix.ObservableNormaliser;
import org.takedown.stix.ObservableType;

/**
 * Indicator types of the simple tip, named after the STIX 2.1 cyber-observable they stand for.
 * Each validates a value and gives its normalised form, so that "Example.COM." and "example.com"
 * correlate. The forms are {@link ObservableNormaliser}'s, the one source for simple and STIX tips,
 * so both land in the same index. Whatever a STIX pattern says beyond these types is kept whole as a
 * pattern indicator ({@link Indicator#PATTERN}), which is no type of the simple tip.
 */
public enum IndicatorType {
  IPV4(ObservableType.IPV4),
  IPV6(ObservableType.IPV6),
  DOMAIN(ObservableType.DOMAIN),
  URL(ObservableType.URL),
  EMAIL(ObservableType.EMAIL),
  MD5(ObservableType.MD5),
  SHA1(ObservableType.SHA1),
  SHA256(ObservableType.SHA256),
  SHA512(ObservableType.SHA512),
  /** A TLS certificate's serial number (x509-certificate:serial_number): scanners find the servers presenting it. */
  X509_SERIAL(ObservableType.X509_SERIAL),
  /** A TLS certificate's issuer (x509-certificate:issuer), as a distinguished name. */
  X509_ISSUER(ObservableType.X509_ISSUER),
  /** An autonomous system (autonomous-system:number): the hosting network a unit asks to act. */
  ASN(ObservableType.ASN);

  private final ObservableType observable;

  IndicatorType(ObservableType observable) {
    this.observable = observable;
  }

  public String id() {
    return observable.id();
  }

  /** The normalised value; throws {@link IllegalArgumentException} saying what the value should look like. */
  public String normalise(String value) {
    return observable.normalise(value);
  }

  public static Optional<IndicatorType> of(String id) {
    return Arrays.stream(values()).filter(t -> t.id().equalsIgnoreCase(id == null ? "" : id.trim())).findFirst();
  }

  public static String ids() {
    return String.join(", ", Arrays.stream(values()).map(IndicatorType::id).toList());
  }
}
