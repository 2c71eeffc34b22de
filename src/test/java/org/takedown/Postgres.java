package org.takedown;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real PostgreSQL server that the tests start themselves (zonky's embedded binaries), once per test
 * JVM and stopped when it ends. Each caller gets a database of its own, so that tests sharing the
 * server never see each other's operations.
 */
public final class Postgres {

  private static final AtomicInteger DATABASES = new AtomicInteger();
  private static EmbeddedPostgres server;

  private Postgres() {}

  /** A new, empty database on the shared server, as a JDBC URL (user and password: postgres). */
  public static String newDatabase(String name) {
    String database = name + "_" + DATABASES.incrementAndGet();
    try (Connection connection = server().getPostgresDatabase().getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute("create database " + database);
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot create the test database " + database, e);
    }
    return server().getJdbcUrl("postgres", database);
  }

  public static final String USER = "postgres";
  public static final String PASSWORD = "postgres";

  private static synchronized EmbeddedPostgres server() {
    if (server == null) {
      try {
        server = EmbeddedPostgres.builder()
            // two cluster nodes' pools, the tests' own contexts and connections: more than the default 100
            .setServerConfig("max_connections", "300")
            .start(); // and stopped by its own shutdown hook
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot start the embedded PostgreSQL", e);
      }
    }
    return server;
  }
}
