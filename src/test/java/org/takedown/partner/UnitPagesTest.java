package org.takedown.partner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.takedown.ProcessDriver.list;
import static org.takedown.ProcessDriver.tip;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.takedown.ProcessDriver;
import org.takedown.TakedownTest;
import org.takedown.assignment.CountryAssignment;
import org.takedown.assignment.NationalAssignmentService;

@TakedownTest
class UnitPagesTest {

  @Autowired ProcessDriver driver;
  @Autowired UnitPages pages;
  @Autowired NationalAssignmentService assignments;

  @Test
  void oneLinkPerOperationCountryAndUnitThatOpensManyTimesAndRefusesAnAlteredToken() {
    String reference = driver.approveForAssignment(tip("TLP:AMBER", list("FR")));
    CountryAssignment fr = assignments.get(reference, "FR");

    String url = pages.url(fr);
    assertThat(url).startsWith("http://localhost:8080/partner/units/").isEqualTo(pages.url(fr));
    String token = url.substring(url.lastIndexOf('/') + 1);

    UnitPages.Opened opened = pages.open(token);
    assertThat(opened.reference()).isEqualTo(reference);
    assertThat(opened.assignment().getCountry()).isEqualTo("FR");
    assertThat(opened.page().getLanguage().code()).isEqualTo("fr");
    assertThat(pages.open(token).reference()).as("used many times").isEqualTo(reference);

    String altered = token.substring(0, token.length() - 1) + (token.endsWith("A") ? "B" : "A");
    assertThatThrownBy(() -> pages.open(altered)).isInstanceOfSatisfying(UnitPages.Problem.class,
        p -> assertThat(p.status()).isEqualTo(404));
    assertThatThrownBy(() -> pages.open("nonsense")).isInstanceOf(UnitPages.Problem.class);
  }
}
