package org.takedown.security.sso;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.TestPropertySource;
import org.takedown.ProcessDriver;
import org.takedown.StatementCounter;

/**
 * The product configured for single sign-on against {@link IdentityProvider}: the test configuration of TakedownTest
 * plus the identity provider's properties. Every SSO test class shares this one context, in a JVM of its own (the sso
 * execution in pom.xml): Camunda keeps its engines in static registries, so this second engine named default would
 * take over the /engine-rest and Tasklist of the TakedownTest context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Tag("sso")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestPropertySource(locations = "classpath:test.properties")
@ContextConfiguration(initializers = IdentityProvider.Initializer.class)
@Import({ProcessDriver.class, StatementCounter.class})
public @interface SsoTest {}
