package org.takedown;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;

/**
 * Package by feature, so that a maintainer can change one feature without reading all of them:
 * features announce what happened with events instead of calling each other back, and each
 * feature's web layer is its own.
 */
@AnalyzeClasses(packages = "org.takedown", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  @ArchTest
  static final ArchRule noCyclesBetweenFeatures = slices().matching("org.takedown.(*)..").should().beFreeOfCycles();

  @ArchTest
  static final ArchRule controllersAreUsedOnlyInTheirOwnPackage = noClasses().should(useAControllerOfAnotherPackage());

  /** operation is the core every feature builds on; system holds only shared value types and plumbing. */
  @ArchTest
  static final ArchRule operationAndSystemDependOnNoFeature = noClasses()
      .that().resideInAnyPackage("org.takedown.operation..", "org.takedown.system..")
      .should().dependOnClassesThat().resideInAnyPackage("org.takedown.assignment..", "org.takedown.audit..",
          "org.takedown.briefing..", "org.takedown.demo..", "org.takedown.dossier..", "org.takedown.evidence..",
          "org.takedown.legal..", "org.takedown.notice..", "org.takedown.outcome..", "org.takedown.partner..",
          "org.takedown.result..", "org.takedown.security..", "org.takedown.tip..");

  /** The features announce; only the listeners (notice, briefing, audit) and the composing packages look the other way. */
  @ArchTest
  static final ArchRule nothingButTheTopUsesNotices = noClasses()
      .that().resideOutsideOfPackages("org.takedown.notice..", "org.takedown.demo..", "org.takedown.dossier..")
      .should().dependOnClassesThat().resideInAPackage("org.takedown.notice..");

  private static ArchCondition<JavaClass> useAControllerOfAnotherPackage() {
    return new ArchCondition<>("use a controller (@Controller, @RestController, @ControllerAdvice) of another package") {
      @Override
      public void check(JavaClass origin, ConditionEvents events) {
        for (Dependency dependency : origin.getDirectDependenciesFromSelf()) {
          JavaClass target = dependency.getTargetClass();
          if (isController(target) && !target.getPackageName().equals(origin.getPackageName())) {
            events.add(SimpleConditionEvent.violated(origin, dependency.getDescription()));
          }
        }
      }
    };
  }

  private static boolean isController(JavaClass type) {
    return type.isMetaAnnotatedWith(Controller.class) || type.isAnnotatedWith(Controller.class)
        || type.isMetaAnnotatedWith(ControllerAdvice.class) || type.isAnnotatedWith(ControllerAdvice.class);
  }
}
