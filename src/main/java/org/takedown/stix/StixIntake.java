package org.takedown.stix;

import org.takedown.system.Tlp;

/**
 * The one call intake needs: raw bytes in, a {@link StixTip} out, or a {@link StixRejectedException}
 * with every problem (its kind says 400, 413 or 422). Pure and thread-safe; no I/O besides the bytes.
 */
public final class StixIntake {

  private final StixReader reader;

  public StixIntake(StixLimits limits) {
    this.reader = new StixReader(limits);
  }

  public StixIntake() {
    this(StixLimits.DEFAULT);
  }

  /** @param defaultTlp the TLP when no object in the bundle carries one (the configured default, TLP:AMBER) */
  public StixTip read(byte[] raw, Tlp defaultTlp) {
    return StixMapper.map(reader.read(raw), defaultTlp);
  }

  public StixBundle validate(byte[] raw) {
    return reader.read(raw);
  }
}
