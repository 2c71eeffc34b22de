package org.takedown.system;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Locale;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.LocaleResolver;

/**
 * The language of a page: a partner page is in the language of the unit its link was sent to (its controller says so
 * with {@link #use}); every other page is the fusion centre's, in English. Never the browser's Accept-Language: a unit
 * reads what the fusion centre chose for it, on any device.
 */
@Component("localeResolver")
public class PartnerLocale implements LocaleResolver {

  private static final String ATTRIBUTE = PartnerLocale.class.getName();

  /** This request's page is for a reader of that language. */
  public static void use(HttpServletRequest request, Language language) {
    request.setAttribute(ATTRIBUTE, language);
  }

  /** The language this request's page was set to, English by default. */
  public static Language of(HttpServletRequest request) {
    Object language = request.getAttribute(ATTRIBUTE);
    return language instanceof Language l ? l : Language.ENGLISH;
  }

  @Override
  public Locale resolveLocale(HttpServletRequest request) {
    return of(request).locale();
  }

  @Override
  public void setLocale(HttpServletRequest request, HttpServletResponse response, Locale locale) {
    throw new UnsupportedOperationException("A page's language follows its unit; it is not chosen by the browser");
  }
}
