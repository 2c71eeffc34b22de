package org.takedown.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A client's file name is kept for display only: its last part, without what could break a line or reorder text. */
class FileNamesTest {

  @Test
  void aFileNameKeepsItsLastPartWithoutControlFormatOrLineSeparatingCharacters() {
    assertThat(FileNames.sanitise("../../etc/passwd")).isEqualTo("passwd");
    assertThat(FileNames.sanitise("C:\\evidence\\disk.img")).isEqualTo("disk.img");
    assertThat(FileNames.sanitise("disk\u2028image\u2029.img")).isEqualTo("diskimage.img");
    assertThat(FileNames.sanitise("exe.\u202Egpj")).isEqualTo("exe.gpj");
    assertThat(FileNames.sanitise("a\tb\u0007.log")).isEqualTo("ab.log");
    assertThat(FileNames.sanitise("..")).isNull();
    assertThat(FileNames.sanitise("x".repeat(300))).hasSize(FileNames.MAX);
  }
}
