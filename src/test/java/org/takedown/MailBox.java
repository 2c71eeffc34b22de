package org.takedown;

import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads what the embedded mail server received, as a mail client would. */
public final class MailBox {

  private MailBox() {}

  /** Messages to an address about one operation (the reference is in every subject). */
  public static List<MimeMessage> to(GreenMail mail, String address, String reference) {
    return Arrays.stream(mail.getReceivedMessages()).filter(m -> {
      try {
        return Arrays.stream(m.getRecipients(Message.RecipientType.TO)).anyMatch(a -> a.toString().equals(address))
            && m.getSubject().contains(reference);
      } catch (MessagingException e) {
        throw new IllegalStateException(e);
      }
    }).toList();
  }

  public static List<MimeMessage> about(GreenMail mail, String reference) {
    return Arrays.stream(mail.getReceivedMessages()).filter(m -> {
      try {
        return m.getSubject().contains(reference);
      } catch (MessagingException e) {
        throw new IllegalStateException(e);
      }
    }).toList();
  }

  /** Every text part (plain and HTML), whatever the nesting of multiparts. */
  public static List<Part> textParts(Part part) {
    try {
      List<Part> parts = new ArrayList<>();
      if (part.isMimeType("multipart/*")) {
        Multipart multipart = (Multipart) part.getContent();
        for (int i = 0; i < multipart.getCount(); i++) {
          parts.addAll(textParts(multipart.getBodyPart(i)));
        }
      } else if (part.isMimeType("text/*")) {
        parts.add(part);
      }
      return parts;
    } catch (MessagingException | IOException e) {
      throw new IllegalStateException(e);
    }
  }

  public static String text(Part part, String mimeType) {
    try {
      for (Part p : textParts(part)) {
        if (p.isMimeType(mimeType)) {
          return (String) p.getContent();
        }
      }
      throw new AssertionError("no " + mimeType + " part");
    } catch (MessagingException | IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Everything a reader could see: subject and every text part. */
  public static String everything(MimeMessage message) {
    try {
      StringBuilder all = new StringBuilder(message.getSubject()).append('\n');
      for (Part p : textParts(message)) {
        all.append(p.getContent()).append('\n');
      }
      return all.toString();
    } catch (MessagingException | IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Which notice a message is (its X-Takedown-Notice header, e.g. EVIDENCE_HANDOVER), whatever language it is written in. */
  public static String kind(MimeMessage message) {
    try {
      return message.getHeader("X-Takedown-Notice", null);
    } catch (MessagingException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * The action links in a message's plain-text part, by their English label; a unit that reads another language has
   * the same button in its words (the texts of templates/i18n/ with that English text), so any of them is found.
   */
  public static String link(MimeMessage message, String label) {
    String text = text(message, "text/plain");
    for (String translated : labels(label)) {
      Matcher matcher = Pattern.compile(Pattern.quote(translated) + "\\h?: \u2066?([^\\s\u2069]+)").matcher(text);
      if (matcher.find()) {
        return matcher.group(1);
      }
    }
    throw new AssertionError("no link '" + label + "' in\n" + text);
  }

  private static final org.takedown.system.PartnerMessages TEXTS = new org.takedown.system.PartnerMessages("file:templates/i18n/");

  /** The label and its translations: every language's text of the keys whose English text it is. */
  public static List<String> labels(String english) {
    List<String> labels = new ArrayList<>(List.of(english));
    for (String key : TEXTS.keys()) {
      if (TEXTS.text(org.takedown.system.Language.ENGLISH, key).equals(english)) {
        for (String language : TEXTS.languages()) {
          String text = TEXTS.text(org.takedown.system.Language.of(language), key);
          if (!labels.contains(text)) {
            labels.add(text);
          }
        }
      }
    }
    return labels;
  }
}
