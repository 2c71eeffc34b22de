package org.takedown.notice;

import java.util.Locale;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationContext;
import org.springframework.stereotype.Component;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.templateresolver.SpringResourceTemplateResolver;
import org.thymeleaf.templatemode.TemplateMode;

/**
 * Renders notices from the templates an operator edits in templates/mail/: for each notice a
 * subject line, a plain-text part and an HTML part. HTML escapes every value; the templates are
 * read again for every notice, so a reworded template takes effect without a restart.
 */
@Component
class NoticeRenderer {

  private final SpringTemplateEngine html;
  private final SpringTemplateEngine text;

  NoticeRenderer(ApplicationContext context, @Value("${takedown.mail.templates:file:templates/mail/}") String location) {
    this.html = engine(context, location, TemplateMode.HTML);
    this.text = engine(context, location, TemplateMode.TEXT);
  }

  Rendered render(NoticeKind kind, Map<String, Object> model) {
    Context context = new Context(Locale.ENGLISH, model);
    String template = kind.template();
    return new Rendered(text.process(template + ".subject.txt", context).strip(),
        text.process(template + ".txt", context), html.process(template + ".html", context));
  }

  private static SpringTemplateEngine engine(ApplicationContext context, String location, TemplateMode mode) {
    SpringResourceTemplateResolver resolver = new SpringResourceTemplateResolver();
    resolver.setApplicationContext(context);
    resolver.setPrefix(location.endsWith("/") ? location : location + "/");
    resolver.setTemplateMode(mode);
    resolver.setCharacterEncoding("UTF-8");
    resolver.setCacheable(false);
    resolver.setCheckExistence(true);
    SpringTemplateEngine engine = new SpringTemplateEngine();
    engine.setTemplateResolver(resolver);
    return engine;
  }

  record Rendered(String subject, String text, String html) {}
}
