package org.takedown.assignment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.io.FileSystemResource;
import org.takedown.system.Language;

/** A unit reads its country's default language, one of INTERPOL's four, unless the directory says otherwise. */
class NationalUnitLanguageTest {

  @TempDir Path folder;

  @Test
  void aUnitReadsItsCountrysLanguageUnlessTheDirectorySaysOtherwise() throws Exception {
    NationalUnitDirectory directory = directory("""
        units:
          SN: { name: DIC Sénégal, email: dic@sn.units.example }
          MA: { name: DGSN Maroc, email: dgsn@ma.units.example, alternate: { name: BNPJ, email: bnpj@ma.units.example } }
          TN: { name: Sous-direction, email: sd@tn.units.example, language: fr }
          CO: { name: Policía Nacional, email: dijin@co.units.example }
          DE: { name: BKA SO4, email: so4@de.units.example, alternate: { name: LKA, email: lka@de.units.example, language: DE } }
        """);
    assertThat(language(directory, "SN")).isEqualTo("fr");
    assertThat(language(directory, "MA")).isEqualTo("ar");
    assertThat(directory.find("MA").orElseThrow().alternate().language().code()).isEqualTo("ar");
    assertThat(language(directory, "TN")).isEqualTo("fr");
    assertThat(language(directory, "CO")).isEqualTo("es");
    assertThat(language(directory, "DE")).isEqualTo("en");
    // An operator may add any language; its texts fall back to English where it has none.
    assertThat(directory.find("DE").orElseThrow().alternate().language()).isEqualTo(new Language("de"));
    assertThat(new Language("ar").dir()).isEqualTo("rtl");
    assertThat(new Language("fr").dir()).isEqualTo("ltr");
  }

  @Test
  void aLanguageThatIsNotACodeIsRefusedSayingWhere() throws Exception {
    Path file = folder.resolve("national-units.yml");
    Files.writeString(file, """
        units:
          FR: { name: OFAC, email: ofac@fr.units.example, language: French }
        """);
    assertThatThrownBy(() -> new NationalUnitDirectory(new FileSystemResource(file)))
        .hasMessageContaining("FR.language: 'french' is not a language code");
  }

  private NationalUnitDirectory directory(String yaml) throws Exception {
    Path file = folder.resolve("national-units.yml");
    Files.writeString(file, yaml);
    return new NationalUnitDirectory(new FileSystemResource(file));
  }

  private static String language(NationalUnitDirectory directory, String country) {
    return directory.find(country).orElseThrow().unit().language().code();
  }
}
