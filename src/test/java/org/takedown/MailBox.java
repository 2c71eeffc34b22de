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

  /** The action links in a message's plain-text part, by label. */
  public static String link(MimeMessage message, String label) {
    Matcher matcher = Pattern.compile(Pattern.quote(label) + ": (\\S+)").matcher(text(message, "text/plain"));
    if (!matcher.find()) {
      throw new AssertionError("no link '" + label + "' in\n" + text(message, "text/plain"));
    }
    return matcher.group(1);
  }
}
