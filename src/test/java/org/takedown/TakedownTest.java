package org.takedown;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

/**
 * The one test configuration of the product, so that every Spring test shares one cached context.
 * The job executor is off: tests execute jobs and timers themselves, never sleep. Every SQL statement
 * is counted ({@link StatementCounter}), for the tests that show a page costs the same however much data there is.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestPropertySource(locations = "classpath:test.properties")
@Import({ProcessDriver.class, StatementCounter.class})
public @interface TakedownTest {}
