package org.takedown.partner;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.ModelAndView;
import org.takedown.evidence.CustodyAlarms;
import org.takedown.evidence.EvidenceStore;
import org.takedown.system.Language;
import org.takedown.system.Downloads;

/**
 * The unit's evidence download pages, behind the link of the handover mail. GET only shows the package, because
 * mail scanners open links; the button (POST) claims the single-use link and opens a download session in this
 * browser, in which each file, or a zip of all, is streamed from the store and recorded in custody.
 */
@Controller
@RequestMapping("/partner/evidence/{token}")
class EvidenceDownloadController {

  private static final Logger log = LoggerFactory.getLogger(EvidenceDownloadController.class);
  static final String SESSION_COOKIE = "takedown-evidence-session";
  private static final int BUFFER = 1 << 16;

  private final DownloadLinks links;
  private final EvidenceStore store;
  private final CustodyAlarms alarms;
  private final PartnerPages pages;

  EvidenceDownloadController(DownloadLinks links, EvidenceStore store, CustodyAlarms alarms, PartnerPages pages) {
    this.pages = pages;
    this.links = links;
    this.store = store;
    this.alarms = alarms;
  }

  @GetMapping
  String show(@PathVariable String token, HttpServletRequest request, Model model, HttpServletResponse response) {
    try {
      DownloadLink link = links.find(token);
      Language language = pages.use(request, link.getReference(), link.getCountry());
      boolean session = links.inSession(link, session(request));
      if (!session) {
        links.checkOpenable(link);
      }
      describe(link, language, model);
      model.addAttribute("token", token);
      model.addAttribute("opened", session);
      if (session) {
        model.addAttribute("sessionEnds", language.dateTime(link.getSessionExpiresAt()));
      }
      model.addAttribute("linkExpires", language.dateTime(link.getExpiresAt()));
      model.addAttribute("sessionHours", Long.toString(links.sessionValidity().toHours()));
      return "partner/evidence";
    } catch (ActionLinks.LinkProblem problem) {
      return problem(problem, request, model, response);
    }
  }

  @PostMapping
  String open(@PathVariable String token, HttpServletRequest request, Model model, HttpServletResponse response) {
    try {
      DownloadLink link = links.find(token);
      pages.use(request, link.getReference(), link.getCountry());
      if (!links.inSession(link, session(request))) {
        String session = links.claim(link, request.getRemoteAddr());
        response.addHeader(HttpHeaders.SET_COOKIE, ResponseCookie.from(SESSION_COOKIE, session).path(DownloadLinks.PATH + token)
            .httpOnly(true).secure(request.isSecure()).sameSite("Lax").maxAge(links.sessionValidity()).build().toString());
        log.info("{} {}: evidence download link opened from {}", link.getReference(), link.getCountry(), request.getRemoteAddr());
      }
      return "redirect:" + DownloadLinks.PATH + token;
    } catch (ActionLinks.LinkProblem problem) {
      return problem(problem, request, model, response);
    }
  }

  /** Streams one file; null once written (the request is handled), else the problem page. */
  @GetMapping("/files/{label}")
  ModelAndView file(@PathVariable String token, @PathVariable String label, HttpServletRequest request, Model model,
      HttpServletResponse response) throws IOException {
    DownloadLink link;
    DownloadLinks.PackageItem item;
    try {
      link = inSession(token, request);
      item = links.items(link.getReference(), link.getItemLabels()).stream()
          .filter(i -> i.label().equals(label) && i.downloadable()).findFirst().orElseThrow(DownloadLinks.ItemMissing::new);
      unavailableUnlessStored(List.of(item));
    } catch (ActionLinks.LinkProblem problem) {
      return new ModelAndView(problem(problem, request, model, response), model.asMap());
    }
    response.setContentType("application/octet-stream");
    response.setContentLengthLong(item.item().getSizeBytes());
    response.setHeader(HttpHeaders.CONTENT_DISPOSITION, Downloads.attachment(item.fileName()));
    response.setHeader("X-Content-SHA256", item.sha256());
    response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
    if (isHead(request)) {
      return null; // a download manager asking the size: nothing served, nothing to record
    }
    long[] sent = {0};
    try (InputStream in = store.openVerified(item.sha256(), item.item().getSizeBytes())) {
      copy(in, response.getOutputStream(), sent);
      response.flushBuffer();
    } catch (EvidenceStore.AlteredFile altered) {
      alarms.storedFileAltered(item.item(), altered, link.getCountry() + " unit's download through its link");
      if (!response.isCommitted()) {
        response.reset();
        return new ModelAndView(problem(altered(item), request, model, response), model.asMap());
      }
      throw altered; // cuts the connection before the declared length: the unit never holds a complete wrong file
    } finally {
      links.recordDownload(link, item.item(), request.getRemoteAddr(), served(item, sent[0], "as the file '" + item.fileName() + "'"));
    }
    return null;
  }

  @GetMapping("/package.zip")
  ModelAndView zip(@PathVariable String token, HttpServletRequest request, Model model, HttpServletResponse response) throws IOException {
    DownloadLink link;
    List<DownloadLinks.PackageItem> items;
    try {
      link = inSession(token, request);
      items = links.items(link.getReference(), link.getItemLabels()).stream().filter(DownloadLinks.PackageItem::downloadable).toList();
      if (items.isEmpty()) {
        throw new DownloadLinks.ItemMissing();
      }
      unavailableUnlessStored(items);
    } catch (ActionLinks.LinkProblem problem) {
      return new ModelAndView(problem(problem, request, model, response), model.asMap());
    }
    String name = link.getReference() + "-" + link.getCountry() + "-evidence.zip";
    response.setContentType("application/zip");
    response.setHeader(HttpHeaders.CONTENT_DISPOSITION, Downloads.attachment(name));
    response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
    if (isHead(request)) {
      return null;
    }
    ZipOutputStream zip = new ZipOutputStream(response.getOutputStream());
    // Evidence is mostly incompressible (images, captures, samples): the fastest level spares the CPU.
    zip.setLevel(1);
    Set<String> names = new LinkedHashSet<>();
    StringBuilder sums = new StringBuilder();
    for (DownloadLinks.PackageItem item : items) {
      String entry = unique(names, item.fileName());
      long[] sent = {0};
      try (InputStream in = store.openVerified(item.sha256(), item.item().getSizeBytes())) {
        zip.putNextEntry(new ZipEntry(entry));
        copy(in, zip, sent);
        zip.closeEntry();
      } catch (EvidenceStore.AlteredFile altered) {
        alarms.storedFileAltered(item.item(), altered, link.getCountry() + " unit's zip download through its link");
        if (!response.isCommitted()) {
          response.reset();
          return new ModelAndView(problem(altered(item), request, model, response), model.asMap());
        }
        throw altered; // the zip is cut off without its central directory: no archive tool opens it as complete
      } finally {
        links.recordDownload(link, item.item(), request.getRemoteAddr(), served(item, sent[0], "in the zip of the package, as '" + entry + "'"));
      }
      sums.append(item.sha256()).append("  ").append(entry).append('\n');
    }
    // The registered hashes, so that "sha256sum -c SHA256SUMS" checks every file in the folder of the zip.
    zip.putNextEntry(new ZipEntry("SHA256SUMS"));
    zip.write(sums.toString().getBytes(StandardCharsets.UTF_8));
    zip.closeEntry();
    zip.finish();
    response.flushBuffer();
    return null;
  }

  /**
   * A file found altered after part of it went out: no answer is written (the status was sent); rethrown, the failure
   * reaches Tomcat, which closes the connection before the declared length, so the client sees a failed transfer.
   */
  @org.springframework.web.bind.annotation.ExceptionHandler(EvidenceStore.AlteredFile.class)
  void cutOff(EvidenceStore.AlteredFile altered) throws EvidenceStore.AlteredFile {
    throw altered;
  }

  private DownloadLink inSession(String token, HttpServletRequest request) {
    DownloadLink link = links.find(token);
    pages.use(request, link.getReference(), link.getCountry());
    if (!links.inSession(link, session(request))) {
      links.checkOpenable(link);
      throw new ActionLinks.LinkProblem(403, "download.openFirst");
    }
    return link;
  }

  /** A file gone from the store (verification names it) is refused before anything is sent, in plain words. */
  private void unavailableUnlessStored(List<DownloadLinks.PackageItem> items) {
    for (DownloadLinks.PackageItem item : items) {
      if (!store.contains(item.sha256())) {
        log.error("Evidence item {} of the package is missing from the store ({})", item.label(), item.sha256());
        throw new ActionLinks.LinkProblem(503, "download.unavailable", item.label());
      }
    }
  }

  private static ActionLinks.LinkProblem altered(DownloadLinks.PackageItem item) {
    return new ActionLinks.LinkProblem(503, "download.altered", item.label());
  }

  private static String served(DownloadLinks.PackageItem item, long sent, String how) {
    long size = item.item().getSizeBytes();
    return sent == size ? "Served " + how + ", " + size + " bytes"
        : "Transfer broke off " + how + " after " + sent + " of " + size + " bytes";
  }

  private static String unique(Set<String> names, String name) {
    String candidate = name;
    for (int i = 2; !names.add(candidate); i++) {
      candidate = i + "-" + name;
    }
    return candidate;
  }

  /** Copies through a small buffer (never the whole file), counting into {@code sent} what was written so far. */
  private static void copy(InputStream in, OutputStream out, long[] sent) throws IOException {
    byte[] buffer = new byte[BUFFER];
    for (int n; (n = in.read(buffer)) > 0; ) {
      out.write(buffer, 0, n);
      sent[0] += n;
    }
  }

  private static boolean isHead(HttpServletRequest request) {
    return "HEAD".equals(request.getMethod());
  }

  private static String session(HttpServletRequest request) {
    if (request.getCookies() == null) {
      return null;
    }
    for (Cookie cookie : request.getCookies()) {
      if (SESSION_COOKIE.equals(cookie.getName())) {
        return cookie.getValue();
      }
    }
    return null;
  }

  private void describe(DownloadLink link, Language language, Model model) {
    model.addAttribute("reference", link.getReference());
    model.addAttribute("countryName", pages.country(link.getCountry(), language));
    model.addAttribute("nationalUnit", link.getNationalUnit());
    // The label is never translated (FIRST TLP 2.0); the sharing rule is said in the unit's words.
    model.addAttribute("tlp", link.getTlp().label());
    model.addAttribute("tlpRule", pages.text(language, "tlp.rule." + link.getTlp().name()));
    List<DownloadLinks.PackageItem> items = links.items(link.getReference(), link.getItemLabels());
    model.addAttribute("items", items);
    model.addAttribute("sizes", items.stream().filter(i -> i.item() != null)
        .collect(java.util.stream.Collectors.toMap(DownloadLinks.PackageItem::label, i -> pages.size(i.item().getSizeBytes(), language), (a, b) -> a)));
    model.addAttribute("anyFile", items.stream().anyMatch(DownloadLinks.PackageItem::downloadable));
  }

  private String problem(ActionLinks.LinkProblem problem, HttpServletRequest request, Model model, HttpServletResponse response) {
    return pages.problem(problem, PartnerPages.of(request), model, response);
  }
}
