package org.takedown.notice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What may reach a mail header: one line of subject, and plain, valid addresses only. */
class NoticeHeadersTest {

  @Test
  void subjectsAreOneLine() {
    assertThat(NoticeRecorder.oneLine("a\r\nBcc: x@example.com\u2028b\u0085c\td")).isEqualTo("a Bcc: x@example.com b c d");
    assertThat(NoticeRecorder.oneLine("x".repeat(300))).hasSize(200).endsWith("…");
  }

  @ParameterizedTest
  @ValueSource(strings = {"not an address", "a@b", "so4@de.units.example\r\nBcc: evil@example.com", "Evil <evil@example.com>",
      "a@example.com, b@example.com", ""})
  void recipientsMustBePlainValidAddresses(String recipient) {
    assertThatThrownBy(() -> Recipients.address(recipient)).hasMessageContaining("is not a valid email address");
  }

  @Test
  void plainAddressesPass() {
    assertThat(Recipients.address("so4@de.units.example")).isEqualTo("so4@de.units.example");
  }
}
