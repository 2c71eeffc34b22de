package org.takedown.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TakedownTimersTest {

  private final TakedownTimers timers = new TakedownTimers();

  @Test
  void acceptsIso8601DurationsAndCycles() {
    timers.setAssignmentDeadline("P1DT12H");
    timers.setVendorInformationDeadline(" PT30S ");
    timers.setAssignmentReminder("R/PT20S");
    timers.setReceiptReminder("R3/P2D");
    assertThat(timers.getAssignmentDeadline()).isEqualTo("P1DT12H");
    assertThat(timers.getVendorInformationDeadline()).isEqualTo("PT30S");
    assertThat(timers.getAssignmentReminder()).isEqualTo("R/PT20S");
  }

  @Test
  void refusesValuesThatAreNotIso8601NamingTheSetting() {
    assertThatThrownBy(() -> timers.setAssignmentDeadline("7 days"))
        .hasMessageContaining("takedown.timers.assignment-deadline must be an ISO 8601 duration");
    assertThatThrownBy(() -> timers.setVendorInformationDeadline("PT"))
        .hasMessageContaining("vendor-information-deadline");
    assertThatThrownBy(() -> timers.setAssignmentReminder("P2D"))
        .hasMessageContaining("takedown.timers.assignment-reminder must be an ISO 8601 repeating interval");
    assertThatThrownBy(() -> timers.setReceiptReminder("R2/soon"))
        .hasMessageContaining("receipt-reminder");
  }
}
