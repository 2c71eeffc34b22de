package org.takedown.assignment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.io.FileSystemResource;

/** A unit asks for the daily digest in the directory, with digest: daily; anything but daily or none is refused, naming the line. */
class NationalUnitDirectoryDigestTest {

  @TempDir Path folder;

  @Test
  void onlyTheUnitsThatSayDailyGetTheDigest() throws Exception {
    Path file = folder.resolve("national-units.yml");
    Files.writeString(file, """
        units:
          DE: { name: BKA SO4, email: so4@de.units.example, digest: daily }
          FR: { name: OFAC, email: ofac@fr.units.example, digest: none }
          NL: { name: THTC, email: thtc@nl.units.example }
        """);
    NationalUnitDirectory directory = new NationalUnitDirectory(new FileSystemResource(file));
    assertThat(directory.dailyDigests()).extracting(NationalUnitDirectory.Entry::country).containsExactly("DE");
    assertThat(directory.find("NL").orElseThrow().dailyDigest()).isFalse();
  }

  @Test
  void aDigestThatIsNotDailyOrNoneIsRefusedSayingWhere() throws Exception {
    Path file = folder.resolve("national-units.yml");
    Files.writeString(file, """
        units:
          DE: { name: BKA SO4, email: so4@de.units.example, digest: weekly }
        """);
    assertThatThrownBy(() -> new NationalUnitDirectory(new FileSystemResource(file)))
        .hasMessageContaining("DE.digest 'weekly' is not 'daily' or 'none'");
  }
}
