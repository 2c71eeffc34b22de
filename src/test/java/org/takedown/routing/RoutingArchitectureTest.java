package org.takedown.routing;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** Routing is a leaf: tip intake, triage and the operation call it; it calls none of them, nor anything else of the product. */
@AnalyzeClasses(packages = "org.takedown", importOptions = ImportOption.DoNotIncludeTests.class)
class RoutingArchitectureTest {

  @ArchTest
  static final ArchRule routingDependsOnNoOtherPartOfTheProduct = noClasses().that().resideInAPackage("org.takedown.routing..")
      .should().dependOnClassesThat(resideInAPackage("org.takedown..").and(resideOutsideOfPackage("org.takedown.routing..")));
}
