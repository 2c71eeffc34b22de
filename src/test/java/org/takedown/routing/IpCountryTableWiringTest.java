package org.takedown.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The bean as Spring makes it from the configuration, without the rest of the product. */
class IpCountryTableWiringTest {

  private final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withInitializer(context -> context.getBeanFactory().setConversionService(ApplicationConversionService.getSharedInstance()))
      .withBean(IpCountryTable.class);

  @TempDir Path folder;

  @Test
  void withoutAPathTheEmbeddedTableAnswers() {
    runner.withPropertyValues("takedown.routing.ip-table=").run(context -> {
      IpCountryTable table = context.getBean(IpCountryTable.class);
      assertThat(table.info().origin()).isEqualTo("embedded");
      assertThat(table.placement("193.0.0.1").countries()).containsExactly("NL");
    });
  }

  @Test
  void aConfiguredPathIsReadAndWatched() throws Exception {
    Path file = Files.writeString(folder.resolve("table.csv"), "1.2.3.0,1.2.3.255,DE\n");
    runner.withPropertyValues("takedown.routing.ip-table=" + file, "takedown.routing.check-every=10s").run(context -> {
      IpCountryTable table = context.getBean(IpCountryTable.class);
      assertThat(table.info().origin()).isEqualTo(file.toString());
      assertThat(table.placement("1.2.3.4").countries()).containsExactly("DE");
      assertThat(Thread.getAllStackTraces().keySet()).anyMatch(thread -> thread.getName().equals("ip-table-watch"));
    });
  }

  @Test
  void aTableThatCannotBeReadStopsTheContext() {
    runner.withPropertyValues("takedown.routing.ip-table=" + folder.resolve("missing.mmdb")).run(context -> {
      assertThat(context).hasFailed();
      assertThat(context.getStartupFailure()).hasStackTraceContaining("takedown.routing.ip-table: " + folder.resolve("missing.mmdb") + ": cannot be read (no such file)");
    });
  }
}
