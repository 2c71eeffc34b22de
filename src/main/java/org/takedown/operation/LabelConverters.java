package org.takedown.operation;

import org.takedown.system.Pap;
import org.takedown.system.Tlp;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/** TLP and PAP are stored as their labels ("TLP:AMBER+STRICT"), as people read them in the database. */
final class LabelConverters {

  private LabelConverters() {}

  @Converter(autoApply = true)
  static class TlpConverter implements AttributeConverter<Tlp, String> {
    @Override
    public String convertToDatabaseColumn(Tlp tlp) {
      return tlp == null ? null : tlp.label();
    }

    @Override
    public Tlp convertToEntityAttribute(String label) {
      return label == null ? null : Tlp.parse(label).orElseThrow(() -> new IllegalStateException("Unknown TLP in database: " + label));
    }
  }

  @Converter(autoApply = true)
  static class PapConverter implements AttributeConverter<Pap, String> {
    @Override
    public String convertToDatabaseColumn(Pap pap) {
      return pap == null ? null : pap.label();
    }

    @Override
    public Pap convertToEntityAttribute(String label) {
      return label == null ? null : Pap.parse(label).orElseThrow(() -> new IllegalStateException("Unknown PAP in database: " + label));
    }
  }
}
