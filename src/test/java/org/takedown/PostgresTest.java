package org.takedown;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.support.TestPropertySourceUtils;

/**
 * {@link TakedownTest} on a real PostgreSQL instead of H2: the same configuration otherwise, and one
 * cached context shared by every test that carries this annotation. These tests run in a surefire
 * execution of their own (tag "postgres", see pom.xml), never in the JVM of the H2 context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Tag("postgres")
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
          "spring.datasource.password=" + Postgres.PASSWORD);
    }
  }
}
