package org.takedown.assignment;

import org.takedown.system.Language;

/** A national cybercrime unit as listed in the directory, and the language it reads (mails, pages, documents). */
public record NationalUnit(String name, String email, Language language) {}
