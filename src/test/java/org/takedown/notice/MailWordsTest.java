package org.takedown.notice;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.takedown.evidence.EvidenceType;
import org.takedown.result.ResultFigures;
import org.takedown.result.ResultStatuses;
import org.takedown.security.Audience;
import org.takedown.security.Disclosure;
import org.takedown.system.Language;
import org.takedown.system.PartnerMessages;
import org.takedown.system.Pap;
import org.takedown.system.Tlp;

/** The values a unit's mail computes, in its language; English exactly as before the translations. */
class MailWordsTest {

  private static final Language EN = Language.ENGLISH;
  private static final Language FR = Language.of("fr");
  private static final Language ES = Language.of("es");
  private static final Language AR = Language.of("ar");

  private final MailWords words = new MailWords(new PartnerMessages("file:templates/i18n/"), new ResultStatuses());

  private static Disclosure unit(String... countries) {
    return new Disclosure(Audience.UNIT, "vera", false, Tlp.AMBER, Tlp.AMBER, Set.of(countries));
  }

  @Test
  void theIndicatorScopeInEachLanguage() {
    assertThat(words.indicatorScope(EN, unit("DE"), 12, 30_000)).isEqualTo("12 of the operation's 30,000 indicators are routed to Germany");
    assertThat(words.indicatorScope(FR, unit("DE"), 12, 30_000)).isEqualTo("12 des 30\u202f000 indicateurs de l’opération vous sont attribués (Allemagne)");
    assertThat(words.indicatorScope(ES, unit("DE"), 12, 30_000)).isEqualTo("12 de los 30.000 indicadores de la operación están asignados a Alemania");
    assertThat(words.indicatorScope(AR, unit("DE"), 12, 30_000)).isEqualTo("12 من مؤشرات العملية البالغ عددها 30,000 مُسندة إلى ألمانيا");
    assertThat(words.indicatorScope(FR, unit("DE"), 1, 1)).isEqualTo("L’unique indicateur de l’opération vous est attribué (Allemagne)");
    assertThat(words.indicatorScope(ES, unit("NL"), 0, 3)).isEqualTo("Ninguno de los 3 indicadores de la operación está asignado a Países Bajos");
  }

  @Test
  void theHeadlineOfAUnitsClosure() {
    ResultFigures.Figures figures = new ResultFigures.Figures(new ResultFigures.Rate("all", "all", 2, 2, 1), 1, 1, List.of(), List.of(), List.of(),
        Map.of(), null, Map.of(), new ResultFigures.Counts(3, 0, 1, 0), "English headline");
    assertThat(words.headline(EN, figures)).isEqualTo("English headline");
    assertThat(words.headline(FR, figures)).isEqualTo("1 sur 2 indicateurs neutralisés (50\u00a0%) dans 1 pays sur 1\u00a0; 3 serveurs saisis\u00a0; 1 interpellation"
        .replace("\u00a0; ", "; "));
    assertThat(words.headline(ES, figures)).isEqualTo("1 de 2 indicadores neutralizados (50 %) en 1 de 1 país; 3 servidores incautados; 1 detención");
    assertThat(words.headline(AR, figures)).isEqualTo("تم تعطيل 1 من أصل 2 من المؤشرات (50 %) في 1 من أصل 1 بلد؛ عدد الخوادم المضبوطة: 3؛ عدد حالات التوقيف: 1");
  }

  @Test
  void statusesSizesTypesAndTheUnnamedVendor() {
    assertThat(words.statuses(EN)).startsWith("taken down, seized, sinkholed");
    assertThat(words.statuses(FR)).doesNotContain("taken down").contains(", ");
    assertThat(words.statuses(AR)).contains("، ").doesNotContain("taken down");
    assertThat(words.size(EN, 549_755_813_888L)).isEqualTo("550 GB (549,755,813,888 bytes)");
    assertThat(words.size(FR, 549_755_813_888L)).isEqualTo("550 Go (549\u202f755\u202f813\u202f888 octets)");
    assertThat(words.size(ES, 1_200_000L)).isEqualTo("1,2 MB (1.200.000 bytes)");
    assertThat(words.size(AR, 512)).isEqualTo("512 بايت");
    assertThat(words.evidenceType(FR, EvidenceType.NETWORK_CAPTURE)).isEqualTo("Capture réseau");
    assertThat(words.evidenceType(EN, EvidenceType.NETWORK_CAPTURE)).isEqualTo("Network capture");
    assertThat(words.vendor(FR, Disclosure.UNNAMED_VENDOR)).isEqualTo("un partenaire du secteur privé");
    assertThat(words.vendor(FR, "vera")).isEqualTo("vera");
    assertThat(words.vendor(EN, Disclosure.UNNAMED_VENDOR)).isEqualTo(Disclosure.UNNAMED_VENDOR);
    assertThat(words.papRule(EN, Pap.AMBER)).isEqualTo(Pap.AMBER.rule());
    assertThat(words.papRule(ES, Pap.AMBER)).isEqualTo("Verificaciones cruzadas pasivas.");
    assertThat(words.soFar(AR, 1, 2, 1)).contains("1", "2").doesNotContain("results");
    assertThat(words.count(ES, "mail.digest.tasks", 1)).isEqualTo("1 tarea");
    assertThat(words.count(ES, "mail.digest.tasks", 1200)).isEqualTo("1.200 tareas");
  }
}
