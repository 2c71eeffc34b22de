package org.takedown.notice;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.springframework.stereotype.Component;
import org.takedown.assignment.AssignmentStatus;
import org.takedown.assignment.CountryAssignment;
import org.takedown.assignment.NationalAssignmentService;
import org.takedown.operation.Operation;
import org.takedown.organisation.VendorOrganisations;
import org.takedown.system.Groups;

/** Who receives notices: the vendor organisation's members, the coordinators, the legal officers, a country's national unit; and what counts as an address. */
@Component
class Recipients {

  private final IdentityService identity;
  private final NationalAssignmentService assignments;
  private final VendorOrganisations organisations;

  Recipients(IdentityService identity, NationalAssignmentService assignments, VendorOrganisations organisations) {
    this.identity = identity;
    this.assignments = assignments;
    this.organisations = organisations;
  }

  /**
   * The vendor organisation's members with an address (for a tip a coordinator entered as itself, that coordinator).
   * None fails the step: the operator adds an address and retries, so a notice is never silently dropped.
   */
  Set<String> vendor(Operation operation) {
    Set<String> addresses = new LinkedHashSet<>(organisations.memberEmails(operation.getVendor()));
    if (addresses.isEmpty()) {
      User user = identity.createUserQuery().userId(operation.getVendor()).singleResult();
      if (user != null && user.getEmail() != null && !user.getEmail().isBlank()) {
        addresses.add(user.getEmail());
      }
    }
    if (addresses.isEmpty()) {
      String named = operation.getVendorName().equals(operation.getVendor()) ? operation.getVendor()
          : operation.getVendorName() + " (" + operation.getVendor() + ")";
      throw new IllegalStateException("Vendor " + named + " has no member with an email address; add one in Organisations or Camunda Admin and retry");
    }
    return addresses;
  }

  /** A contributing vendor organisation's members with an address; none fails the step, as for {@link #vendor}. */
  Set<String> organisation(String organisation) {
    Set<String> addresses = new LinkedHashSet<>(organisations.memberEmails(organisation));
    if (addresses.isEmpty()) {
      throw new IllegalStateException("Vendor organisation " + organisation
          + " has no member with an email address; add one in Organisations or Camunda Admin and retry");
    }
    return addresses;
  }

  /** Every coordinator with an email address; none is a warning, not a failure. */
  Set<String> coordinators() {
    Set<String> addresses = new LinkedHashSet<>();
    identity.createUserQuery().memberOfGroup(Groups.COORDINATORS).orderByUserId().asc().list().stream()
        .map(User::getEmail).filter(email -> email != null && !email.isBlank()).forEach(addresses::add);
    return addresses;
  }

  /** Every legal officer with an email address, but the one named (the first approver, who may not give the second approval). */
  Set<String> legalOfficers(String except) {
    Set<String> addresses = new LinkedHashSet<>();
    identity.createUserQuery().memberOfGroup(Groups.LEGAL).orderByUserId().asc().list().stream()
        .filter(user -> !user.getId().equals(except))
        .map(User::getEmail).filter(email -> email != null && !email.isBlank()).forEach(addresses::add);
    return addresses;
  }

  /** The country's assignment: its unit and the unit's address. */
  CountryAssignment unit(String reference, String country) {
    return assignments.get(reference, country);
  }

  /** Every country of the operation with its assignment, as triage settled them. */
  List<CountryAssignment> assignments(String reference) {
    return assignments.list(reference);
  }

  /** The units that accepted the operation. */
  List<CountryAssignment> acceptingUnits(String reference) {
    return assignments.list(reference).stream().filter(a -> a.getStatus() == AssignmentStatus.ACCEPTED).toList();
  }

  /** A plain, valid address, or an error the operator can act on (fix the directory or the account, then retry). */
  static String address(String recipient) {
    try {
      if (recipient == null || recipient.chars().anyMatch(Character::isISOControl)) {
        throw new AddressException("control characters");
      }
      InternetAddress address = new InternetAddress(recipient, true);
      address.validate();
      String domain = address.getAddress().substring(address.getAddress().indexOf('@') + 1);
      if (address.getPersonal() != null || !recipient.trim().equals(address.getAddress()) || !domain.contains(".")) {
        throw new AddressException("a plain address is expected");
      }
      return address.getAddress();
    } catch (AddressException e) {
      throw new IllegalStateException("'" + recipient + "' is not a valid email address: fix it in the directory or the account, and retry");
    }
  }
}
