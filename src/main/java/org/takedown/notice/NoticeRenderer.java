package org.takedown.notice;

import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationContext;
import org.springframework.stereotype.Component;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.templateresolver.SpringResourceTemplateResolver;
import org.thymeleaf.templatemode.TemplateMode;
import org.takedown.system.Language;
import org.takedown.system.PartnerMessages;
import org.takedown.system.Tlp;

/**
 * Renders notices from the templates an operator edits in templates/mail/: for each notice a
 * subject line, a plain-text part and an HTML part. HTML escapes every value; the templates are
 * read again for every notice, so a reworded template takes effect without a restart.
 */
@Component
class NoticeRenderer {

  private final SpringTemplateEngine html;
  private final SpringTemplateEngine text;
  private final PartnerMessages messages;

  NoticeRenderer(ApplicationContext context, @Value("${takedown.mail.templates:file:templates/mail/}") String location,
      PartnerMessages messages) {
    this.messages = messages;
    this.html = engine(context, location, TemplateMode.HTML, messages);
    this.text = engine(context, location, TemplateMode.TEXT, messages);
  }

  /** In the language the content names ("language", a unit's), English otherwise; #{…} texts come from templates/i18n/. */
  Rendered render(NoticeKind kind, Map<String, Object> model) {
    Language language = Language.of((String) model.get(LANGUAGE));
    Context context = new Context(language.locale(), model);
    context.setVariable("dir", language.dir());
    context.setVariable("lang", language.code());
    context.setVariable("bidi", new Bidi(language));
    // The TLP label is FIRST's and never translated; its sharing rule is read in the language.
    Tlp tlp = model.get("tlp") instanceof String label ? Tlp.parse(label).orElse(null) : null;
    if (tlp != null && !language.equals(Language.ENGLISH)) {
      context.setVariable("tlpRule", messages.text(language, "tlp.rule." + tlp.name()));
    }
    String template = kind.template();
    return new Rendered(text.process(template + ".subject.txt", context).strip(),
        text.process(template + ".txt", context), html.process(template + ".html", context));
  }

  /** The content key of the language a notice is written in. */
  static final String LANGUAGE = "language";

  private static SpringTemplateEngine engine(ApplicationContext context, String location, TemplateMode mode, PartnerMessages messages) {
    SpringResourceTemplateResolver resolver = new SpringResourceTemplateResolver();
    resolver.setApplicationContext(context);
    resolver.setPrefix(location.endsWith("/") ? location : location + "/");
    resolver.setTemplateMode(mode);
    resolver.setCharacterEncoding("UTF-8");
    resolver.setCacheable(false);
    resolver.setCheckExistence(true);
    SpringTemplateEngine engine = new SpringTemplateEngine();
    engine.setTemplateResolver(resolver);
    engine.setTemplateEngineMessageSource(messages);
    return engine;
  }

  record Rendered(String subject, String text, String html) {}
}
