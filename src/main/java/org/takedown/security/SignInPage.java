package org.takedown.security;

import java.util.ArrayList;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The sign-in page: the product's own form, and beside it "Sign in with …" for each identity provider configured. */
@Controller
class SignInPage {

  /** One identity provider to sign in with: its name (client-name, else the registration id) and where to start. */
  record Provider(String name, String href) {}

  private final List<Provider> providers;

  SignInPage(ObjectProvider<ClientRegistrationRepository> registrations) {
    this.providers = providers(registrations.getIfAvailable());
  }

  static List<Provider> providers(ClientRegistrationRepository repository) {
    List<Provider> providers = new ArrayList<>();
    if (repository instanceof Iterable<?> registrations) {
      for (Object each : registrations) {
        if (each instanceof ClientRegistration registration
            && AuthorizationGrantType.AUTHORIZATION_CODE.equals(registration.getAuthorizationGrantType())) {
          providers.add(new Provider(registration.getClientName(), "/oauth2/authorization/" + registration.getRegistrationId()));
        }
      }
    }
    return List.copyOf(providers);
  }

  @GetMapping("/login")
  String login(Model model) {
    model.addAttribute("providers", providers);
    return "login";
  }
}
