package org.takedown;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.support.TestPropertySourceUtils;

/**
 * {@link TakedownTest} on a real PostgreSQL instead of H2: the same configuration otherwise, and one
 * cached context shared by every test that carries this annotation.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@TakedownTest
@ContextConfiguration(initializers = PostgresTest.Database.class)
public @interface PostgresTest {

  /** Points the context at a fresh database of the embedded PostgreSQL server. */
  class Database implements ApplicationContextInitializer<ConfigurableApplicationContext> {
    @Override
    public void initialize(ConfigurableApplicationContext context) {
      TestPropertySourceUtils.addInlinedPropertiesToEnvironment(context,
          "spring.datasource.url=" + Postgres.newDatabase("takedown"),
          "spring.datasource.username=" + Postgres.USER,
          "spring.datasource.password=" + Postgres.PASSWORD,
          // the server's own shutdown hook may stop it before the context closes its pool
          "logging.level.com.zaxxer.hikari.pool.PoolBase=error");
    }
  }
}
