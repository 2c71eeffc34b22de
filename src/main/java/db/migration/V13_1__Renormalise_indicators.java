package db.migration;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Optional;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.takedown.stix.ObservableType;

/**
 * Simple tips and STIX tips now share one normal form (stix.ObservableNormaliser): IPv6 compressed
 * as RFC 5952 says, CIDR host bits cleared, a URL's default port and fragment dropped. Indicators
 * stored before are normalised again from the value as sent, so that they keep correlating. Written
 * in Java because SQL cannot compress an IPv6 address.
 */
public class V13_1__Renormalise_indicators extends BaseJavaMigration {

  private static final int BATCH = 1_000;

  @Override
  public void migrate(Context context) throws Exception {
    Connection connection = context.getConnection();
    try (Statement select = connection.createStatement();
        ResultSet rows = select.executeQuery("select id, type, indicator_value, normalized_value from indicator");
        PreparedStatement update = connection.prepareStatement("update indicator set normalized_value = ? where id = ?")) {
      int pending = 0;
      while (rows.next()) {
        Optional<ObservableType> type = ObservableType.of(rows.getString(2));
        if (type.isEmpty()) {
          continue;
        }
        String normalised;
        try {
          normalised = type.get().normalise(rows.getString(3));
        } catch (IllegalArgumentException e) {
          continue; // accepted by the old rules only: it keeps its old form
        }
        if (!normalised.equals(rows.getString(4))) {
          update.setString(1, normalised);
          update.setLong(2, rows.getLong(1));
          update.addBatch();
          if (++pending == BATCH) {
            update.executeBatch();
            pending = 0;
          }
        }
      }
      if (pending > 0) {
        update.executeBatch();
      }
    }
  }
}
