package org.takedown.briefing;

import static org.takedown.briefing.WordTemplateWriter.control;
import static org.takedown.briefing.WordTemplateWriter.ltr;
import static org.takedown.briefing.WordTemplateWriter.text;
import static org.takedown.briefing.WordTemplateWriter.words;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.takedown.briefing.WordTemplateWriter.Column;

/**
 * Writes the Word templates of the legal requests (preservation, takedown) in English, French, Spanish and Arabic,
 * and the French, Spanish and Arabic versions of the unit's national assignment brief and evidence handover receipt
 * (their English originals are the ones in templates/word/, which these follow line by line).
 *
 * <pre>
 * mvn -B -o -q test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -cp target/classes:target/test-classes:$(cat target/cp.txt) org.takedown.briefing.WordTemplates [templates/word]
 * </pre>
 *
 * It overwrites the files it writes: once an operator has edited a template in Word, edit it there, not here.
 */
public final class WordTemplates {

  static final List<String> LANGUAGES = List.of("en", "fr", "es", "ar");
  static final List<String> TRANSLATED = List.of("fr", "es", "ar");

  private WordTemplates() {}

  public static void main(String[] args) {
    Path folder = Path.of(args.length > 0 ? args[0] : "templates/word");
    for (String language : LANGUAGES) {
      preservation(language).write(folder.resolve(name(RequestDrafts.PRESERVATION_TEMPLATE, language)));
      takedown(language).write(folder.resolve(name(RequestDrafts.TAKEDOWN_TEMPLATE, language)));
    }
    System.out.println("Written to " + folder.toAbsolutePath() + ": " + String.join(", ", list(folder)));
  }

  private static List<String> list(Path folder) {
    try (var files = Files.list(folder)) {
      return files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".docx")).sorted().toList();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  static String name(String template, String language) {
    return template + ("en".equals(language) ? "" : "." + language) + ".docx";
  }

  /** The fixed texts of one language: t.get("key"). */
  private static Map<String, String> texts(String language, Map<String, Map<String, String>> all) {
    Map<String, String> texts = all.get(language);
    if (texts == null) {
      throw new IllegalArgumentException("No texts in " + language);
    }
    return new HashMap<>(texts) {
      @Override
      public String get(Object key) {
        String text = super.get(key);
        if (text == null) {
          throw new IllegalArgumentException("No text '" + key + "' in " + language);
        }
        return text;
      }
    };
  }

  // ---------------------------------------------------------------- preservation request (Budapest Convention, Article 29)

  static WordTemplateWriter preservation(String language) {
    Map<String, String> t = texts(language, PRESERVATION);
    Map<String, String> c = texts(language, COMMON);
    return new WordTemplateWriter(language)
        .title(text(t.get("title")))
        .subtitle(text(t.get("subtitle")))
        .field(c.get("reference"), ltr("requestReference"))
        .field(c.get("date"), words("date"))
        .field(c.get("operation"), ltr("reference"))
        .field(c.get("to"), words("custodian"))
        .heading(t.get("authority"))
        .paragraph(words("requestingAuthority"))
        .field(c.get("contact"), ltr("unitEmail"))
        .heading(t.get("offence"))
        .paragraph(words("offence"))
        .paragraph(words("facts"))
        .note(control("{{?stixContext}}"), text(c.get("context")), ltr("text"), control("{{/stixContext}}"))
        .heading(t.get("data"))
        .paragraph(text(t.get("dataText")))
        .table("indicators", new Column(c.get("indicator"), 2300, "value", true, 18), new Column(c.get("type"), 900, "type", true, 18),
            new Column(t.get("firstSeen"), 850, "firstSeen", false, 18), new Column(t.get("reported"), 950, "reported", false, 18))
        .heading(t.get("custodian"))
        .field(t.get("custodianLabel"), words("custodian"))
        .paragraph(words("location"))
        .heading(t.get("necessity"))
        .paragraph(text(t.get("necessityText")))
        .heading(t.get("mla"))
        .paragraph(text(t.get("mlaText")))
        .paragraph(WordTemplateWriter.bold(t.get("nationalLaw")))
        .ltrParagraph(text(DOTS))
        .note(text(c.get("confidential")))
        .signature(c.get("signedFor"), c.get("name"), c.get("rank"), c.get("signature"), c.get("signedOn"))
        .footer(ltr("requestReference"), text(" · " + t.get("footer") + " "), words("generatedAt"));
  }

  static WordTemplateWriter takedown(String language) {
    Map<String, String> t = texts(language, TAKEDOWN);
    Map<String, String> c = texts(language, COMMON);
    return new WordTemplateWriter(language)
        .title(text(t.get("title")))
        .subtitle(text(t.get("subtitle")))
        .field(c.get("reference"), ltr("requestReference"))
        .field(c.get("date"), words("date"))
        .field(c.get("operation"), ltr("reference"))
        .field(c.get("to"), words("custodian"))
        .field(t.get("from"), words("requestingAuthority"))
        .field(c.get("contact"), ltr("unitEmail"))
        .heading(t.get("request"))
        .paragraph(text(t.get("requestText")))
        .heading(t.get("resources"))
        .table("indicators", new Column(c.get("indicator"), 3600, "value", true, 18), new Column(c.get("type"), 1400, "type", true, 18))
        .heading(t.get("facts"))
        .paragraph(words("offence"))
        .paragraph(words("facts"))
        .note(control("{{?stixContext}}"), text(c.get("context")), ltr("text"), control("{{/stixContext}}"))
        .heading(t.get("evidence"))
        .paragraph(words("evidenceSummary"))
        .table("items", new Column(t.get("item"), 700, "label", true, 18), new Column(c.get("type"), 900, "type", false, 18),
            new Column(t.get("description"), 1500, "description", false, 18), new Column("SHA-256", 1900, "sha256", true, 16))
        .heading(t.get("legal"))
        .paragraph(WordTemplateWriter.bold(t.get("legalText")))
        .ltrParagraph(text(DOTS))
        .note(text(t.get("confidential")))
        .signature(c.get("signedFor"), c.get("name"), c.get("rank"), c.get("signature"), c.get("signedOn"))
        .footer(ltr("requestReference"), text(" · " + t.get("footer") + " "), words("generatedAt"));
  }

  private static final String DOTS = "…".repeat(60);

  /** Texts both requests share. */
  static final Map<String, Map<String, String>> COMMON = Map.of(
      "en", Map.ofEntries(
          Map.entry("reference", "Reference: "), Map.entry("date", "Date: "), Map.entry("operation", "Operation: "),
          Map.entry("to", "To: "), Map.entry("contact", "Contact: "),
          Map.entry("context", "Context given in the reporting partner's STIX data: "),
          Map.entry("indicator", "Indicator"), Map.entry("type", "Type"),
          Map.entry("confidential", "Please keep this request and the action it asks for confidential, and do not inform the customer concerned."),
          Map.entry("signedFor", "For the requesting authority"), Map.entry("name", "Name:"), Map.entry("rank", "Rank and function:"),
          Map.entry("signature", "Signature and stamp:"), Map.entry("signedOn", "Date:")),
      "fr", Map.ofEntries(
          Map.entry("reference", "Référence\u00a0: "), Map.entry("date", "Date\u00a0: "), Map.entry("operation", "Opération\u00a0: "),
          Map.entry("to", "Destinataire\u00a0: "), Map.entry("contact", "Contact\u00a0: "),
          Map.entry("context", "Contexte fourni par les données STIX du partenaire signalant\u00a0: "),
          Map.entry("indicator", "Indicateur"), Map.entry("type", "Type"),
          Map.entry("confidential", "Nous vous prions de traiter la présente demande et la mesure qu’elle sollicite de manière confidentielle, et de ne pas en informer le client concerné."),
          Map.entry("signedFor", "Pour l’autorité requérante"), Map.entry("name", "Nom et prénom\u00a0:"),
          Map.entry("rank", "Grade et fonction\u00a0:"), Map.entry("signature", "Signature et cachet\u00a0:"), Map.entry("signedOn", "Date\u00a0:")),
      "es", Map.ofEntries(
          Map.entry("reference", "Referencia: "), Map.entry("date", "Fecha: "), Map.entry("operation", "Operación: "),
          Map.entry("to", "Destinatario: "), Map.entry("contact", "Contacto: "),
          Map.entry("context", "Contexto aportado por los datos STIX del socio informante: "),
          Map.entry("indicator", "Indicador"), Map.entry("type", "Tipo"),
          Map.entry("confidential", "Les rogamos que traten esta solicitud y la medida que en ella se pide de forma confidencial, y que no informen al cliente afectado."),
          Map.entry("signedFor", "Por la autoridad requirente"), Map.entry("name", "Nombre y apellidos:"), Map.entry("rank", "Rango y cargo:"),
          Map.entry("signature", "Firma y sello:"), Map.entry("signedOn", "Fecha:")),
      "ar", Map.ofEntries(
          Map.entry("reference", "المرجع: "), Map.entry("date", "التاريخ: "), Map.entry("operation", "العملية: "),
          Map.entry("to", "إلى: "), Map.entry("contact", "جهة الاتصال: "),
          Map.entry("context", "السياق الوارد في بيانات STIX المقدَّمة من الشريك المُبلِّغ: "),
          Map.entry("indicator", "المؤشر"), Map.entry("type", "النوع"),
          Map.entry("confidential", "يُرجى التعامل مع هذا الطلب ومع الإجراء المطلوب فيه بسرّية، وعدم إبلاغ العميل المعني."),
          Map.entry("signedFor", "عن السلطة الطالبة"), Map.entry("name", "الاسم:"), Map.entry("rank", "الرتبة والوظيفة:"),
          Map.entry("signature", "التوقيع والختم:"), Map.entry("signedOn", "التاريخ:")));

  static final Map<String, Map<String, String>> PRESERVATION = Map.of(
      "en", Map.ofEntries(
          Map.entry("title", "Request for the expedited preservation of stored computer data"),
          Map.entry("subtitle", "Convention on Cybercrime (Budapest Convention), Article 29"),
          Map.entry("authority", "1. Requesting authority (Article 29(2)(a))"),
          Map.entry("offence", "2. Offence and summary of the facts (Article 29(2)(b))"),
          Map.entry("data", "3. Stored computer data to be preserved and its relation to the offence (Article 29(2)(c))"),
          Map.entry("dataText", "Please preserve, without disclosing them to anyone at this stage, the following data held for each resource"
              + " listed below: subscriber and account information (name, addresses, means of payment, account creation records);"
              + " connection and traffic data (access logs, source IP addresses and ports, with dates and times in UTC); and the content"
              + " stored on or hosted at these resources, including server images and configuration where they exist. The period"
              + " concerned runs from the first-seen date given (or, where none is given, from 90 days before this request) to the date"
              + " of preservation. These resources were used to commit the offences described in section 2."),
          Map.entry("firstSeen", "First seen"), Map.entry("reported", "Reported to the fusion centre"),
          Map.entry("custodian", "4. Custodian of the data and location of the computer system (Article 29(2)(d))"),
          Map.entry("custodianLabel", "Custodian: "),
          Map.entry("necessity", "5. Necessity of the preservation (Article 29(2)(e))"),
          Map.entry("necessityText", "The data are at risk of loss or modification: providers keep connection logs for a limited time only,"
              + " and the operators of this infrastructure may delete or move it as soon as action is taken against them. Without"
              + " expedited preservation, evidence needed to identify the offenders and to establish the offences would be lost before a"
              + " mutual assistance request could be executed."),
          Map.entry("mla", "6. Mutual assistance request to follow (Article 29(2)(f))"),
          Map.entry("mlaText", "The requesting authority intends to submit a request for mutual assistance for the search or similar access,"
              + " seizure or similar securing, or disclosure of the stored data. It asks that the data be preserved for at least 60 days"
              + " (Article 29(7)) and that it be informed before the preservation ends, so that it may ask for it to be renewed."),
          Map.entry("nationalLaw", "Provisions of national law (to be completed by the requesting authority):"),
          Map.entry("footer", "Preservation request · drafted")),
      "fr", Map.ofEntries(
          Map.entry("title", "Demande de conservation rapide de données informatiques stockées"),
          Map.entry("subtitle", "Convention sur la cybercriminalité (Convention de Budapest), article 29"),
          Map.entry("authority", "1. Autorité requérante (article 29, paragraphe 2, alinéa a)"),
          Map.entry("offence", "2. Infraction et bref exposé des faits (article 29, paragraphe 2, alinéa b)"),
          Map.entry("data", "3. Données informatiques stockées à conserver et lien avec l’infraction (article 29, paragraphe 2, alinéa c)"),
          Map.entry("dataText", "Nous vous prions de conserver, sans les divulguer à quiconque à ce stade, les données suivantes, détenues"
              + " pour chacune des ressources énumérées ci-dessous\u00a0: les informations relatives aux abonnés et aux comptes (nom,"
              + " adresses, moyens de paiement, données de création du compte)\u00a0; les données de connexion et de trafic (journaux"
              + " d’accès, adresses IP et ports sources, avec la date et l’heure UTC)\u00a0; et les contenus stockés sur ces ressources ou"
              + " hébergés à ces adresses, y compris les images et la configuration des serveurs lorsqu’elles existent. La période"
              + " concernée s’étend de la date de première observation indiquée (ou, à défaut, des 90 jours précédant la présente"
              + " demande) à la date de la conservation. Ces ressources ont servi à commettre les infractions décrites à la section 2."),
          Map.entry("firstSeen", "Première observation"), Map.entry("reported", "Signalé au centre de fusion"),
          Map.entry("custodian", "4. Gardien des données et localisation du système informatique (article 29, paragraphe 2, alinéa d)"),
          Map.entry("custodianLabel", "Gardien des données\u00a0: "),
          Map.entry("necessity", "5. Nécessité de la conservation (article 29, paragraphe 2, alinéa e)"),
          Map.entry("necessityText", "Les données risquent d’être perdues ou modifiées\u00a0: les fournisseurs ne conservent les journaux de"
              + " connexion que pendant une durée limitée, et les exploitants de cette infrastructure peuvent l’effacer ou la déplacer dès"
              + " qu’une action est engagée contre eux. Sans conservation rapide, des preuves nécessaires pour identifier les auteurs et"
              + " établir les infractions seraient perdues avant que la demande d’entraide puisse être exécutée."),
          Map.entry("mla", "6. Demande d’entraide à suivre (article 29, paragraphe 2, alinéa f)"),
          Map.entry("mlaText", "L’autorité requérante entend présenter une demande d’entraide en vue de la perquisition ou de l’accès par un"
              + " moyen similaire, de la saisie ou de l’obtention par un moyen similaire, ou de la divulgation des données stockées. Elle"
              + " demande que les données soient conservées pendant au moins 60 jours (article 29, paragraphe 7) et d’être informée avant"
              + " la fin de la conservation, afin de pouvoir en demander la prolongation."),
          Map.entry("nationalLaw", "Dispositions du droit national applicables (à compléter par l’autorité requérante)\u00a0:"),
          Map.entry("footer", "Demande de conservation · établie le")),
      "es", Map.ofEntries(
          Map.entry("title", "Solicitud de conservación rápida de datos informáticos almacenados"),
          Map.entry("subtitle", "Convenio sobre la Ciberdelincuencia (Convenio de Budapest), artículo 29"),
          Map.entry("authority", "1. Autoridad requirente (artículo 29, apartado 2, letra a)"),
          Map.entry("offence", "2. Delito y breve exposición de los hechos (artículo 29, apartado 2, letra b)"),
          Map.entry("data", "3. Datos informáticos almacenados que deben conservarse y su relación con el delito (artículo 29, apartado 2, letra c)"),
          Map.entry("dataText", "Les rogamos que conserven, sin revelarlos a nadie en esta fase, los siguientes datos relativos a cada uno de"
              + " los recursos enumerados a continuación: la información sobre abonados y cuentas (nombre, direcciones, medios de pago,"
              + " datos de alta de la cuenta); los datos de conexión y de tráfico (registros de acceso, direcciones IP y puertos de origen,"
              + " con fecha y hora UTC); y los contenidos almacenados en estos recursos o alojados en ellos, incluidas las imágenes y la"
              + " configuración de los servidores cuando existan. El período abarca desde la fecha de primera observación indicada (o, a"
              + " falta de ella, desde 90 días antes de la presente solicitud) hasta la fecha de la conservación. Estos recursos se"
              + " utilizaron para cometer los delitos descritos en el apartado 2."),
          Map.entry("firstSeen", "Primera observación"), Map.entry("reported", "Comunicado al centro de fusión"),
          Map.entry("custodian", "4. Custodio de los datos y ubicación del sistema informático (artículo 29, apartado 2, letra d)"),
          Map.entry("custodianLabel", "Custodio de los datos: "),
          Map.entry("necessity", "5. Necesidad de la conservación (artículo 29, apartado 2, letra e)"),
          Map.entry("necessityText", "Existe el riesgo de que los datos se pierdan o se modifiquen: los proveedores conservan los registros"
              + " de conexión solo durante un tiempo limitado, y los operadores de esta infraestructura pueden borrarla o trasladarla en"
              + " cuanto se actúe contra ellos. Sin una conservación rápida, se perderían pruebas necesarias para identificar a los autores"
              + " y acreditar los delitos antes de que pudiera ejecutarse la solicitud de asistencia mutua."),
          Map.entry("mla", "6. Solicitud de asistencia mutua posterior (artículo 29, apartado 2, letra f)"),
          Map.entry("mlaText", "La autoridad requirente tiene la intención de presentar una solicitud de asistencia mutua para el registro o"
              + " acceso de forma similar, la confiscación u obtención de forma similar, o la revelación de los datos almacenados. Solicita"
              + " que los datos se conserven durante al menos 60 días (artículo 29, apartado 7) y que se le informe antes de que termine"
              + " la conservación, a fin de poder solicitar su prórroga."),
          Map.entry("nationalLaw", "Disposiciones aplicables del derecho nacional (a completar por la autoridad requirente):"),
          Map.entry("footer", "Solicitud de conservación · redactada el")),
      "ar", Map.ofEntries(
          Map.entry("title", "طلب التحفّظ العاجل على بيانات حاسوبية مخزّنة"),
          Map.entry("subtitle", "الاتفاقية المتعلقة بالجريمة السيبرانية (اتفاقية بودابست)، المادة 29"),
          Map.entry("authority", "1. السلطة الطالبة (المادة 29، الفقرة 2، البند أ)"),
          Map.entry("offence", "2. الجريمة وموجز الوقائع (المادة 29، الفقرة 2، البند ب)"),
          Map.entry("data", "3. البيانات الحاسوبية المخزّنة المطلوب التحفّظ عليها وصلتها بالجريمة (المادة 29، الفقرة 2، البند ج)"),
          Map.entry("dataText", "يُرجى التحفّظ، دون الإفصاح عنها لأي جهة في هذه المرحلة، على البيانات التالية المحفوظة لكل مورد من"
              + " الموارد المبيّنة أدناه: معلومات المشتركين والحسابات (الاسم والعناوين ووسائل الدفع وبيانات إنشاء الحساب)؛ وبيانات"
              + " الاتصال والحركة (سجلات النفاذ وعناوين IP والمنافذ المصدر، مع التاريخ والوقت بالتوقيت العالمي المنسّق)؛ والمحتوى"
              + " المخزّن على هذه الموارد أو المستضاف عليها، بما في ذلك صور الخوادم وإعداداتها عند توافرها. وتمتد الفترة المعنية من"
              + " تاريخ أول رصد المذكور (أو، في حال عدم ذكره، من 90 يومًا قبل هذا الطلب) إلى تاريخ التحفّظ. وقد استُخدمت هذه"
              + " الموارد في ارتكاب الجرائم المبيّنة في القسم 2."),
          Map.entry("firstSeen", "أول رصد"), Map.entry("reported", "تاريخ الإبلاغ إلى مركز دمج المعلومات"),
          Map.entry("custodian", "4. الجهة الحائزة للبيانات وموقع نظام الحاسوب (المادة 29، الفقرة 2، البند د)"),
          Map.entry("custodianLabel", "الجهة الحائزة للبيانات: "),
          Map.entry("necessity", "5. ضرورة التحفّظ (المادة 29، الفقرة 2، البند هـ)"),
          Map.entry("necessityText", "ثمة خطر من فقدان البيانات أو تعديلها: إذ لا يحتفظ مزوّدو الخدمات بسجلات الاتصال إلا لمدة محدودة،"
              + " ويمكن لمشغّلي هذه البنية التحتية حذفها أو نقلها بمجرد اتخاذ أي إجراء ضدهم. ومن دون تحفّظ عاجل، ستضيع أدلة لازمة"
              + " لتحديد هوية الجناة وإثبات الجرائم قبل أن يتسنّى تنفيذ طلب المساعدة المتبادلة."),
          Map.entry("mla", "6. طلب المساعدة المتبادلة اللاحق (المادة 29، الفقرة 2، البند و)"),
          Map.entry("mlaText", "تعتزم السلطة الطالبة تقديم طلب مساعدة متبادلة لتفتيش البيانات المخزّنة أو النفاذ إليها بطريقة مماثلة،"
              + " أو ضبطها أو تأمينها بطريقة مماثلة، أو الإفصاح عنها. وتطلب التحفّظ على البيانات لمدة لا تقل عن 60 يومًا (المادة 29،"
              + " الفقرة 7)، وإبلاغها قبل انتهاء مدة التحفّظ لتتمكن من طلب تمديدها."),
          Map.entry("nationalLaw", "الأحكام المنطبقة من القانون الوطني (تستكملها السلطة الطالبة):"),
          Map.entry("footer", "طلب تحفّظ · أُعدّ في")));

  static final Map<String, Map<String, String>> TAKEDOWN = Map.of(
      "en", Map.ofEntries(
          Map.entry("title", "Request to suspend or take down malicious resources"),
          Map.entry("subtitle", "To the hosting provider or registrar"),
          Map.entry("from", "From: "),
          Map.entry("request", "1. Request"),
          Map.entry("requestText", "We ask you to suspend, take down or otherwise disable without delay the resources listed in section 2,"
              + " which are used to commit criminal offences, and to preserve the data associated with them (subscriber information, logs"
              + " and content) until a formal request for their disclosure reaches you. Please confirm by reply to the contact above,"
              + " quoting the reference of this request, what action you took and when."),
          Map.entry("resources", "2. Resources concerned"),
          Map.entry("facts", "3. Offence and facts"),
          Map.entry("evidence", "4. Evidence supporting the request"),
          Map.entry("item", "Item"), Map.entry("description", "Description"),
          Map.entry("legal", "5. Legal basis"),
          Map.entry("legalText", "To be completed by the requesting authority: the provisions of national law, court order or terms of"
              + " service under which the suspension is requested:"),
          Map.entry("confidential", "Please keep this request confidential and do not inform the customer concerned before the resources"
              + " are disabled."),
          Map.entry("footer", "Takedown request · drafted")),
      "fr", Map.ofEntries(
          Map.entry("title", "Demande de suspension ou de retrait de ressources malveillantes"),
          Map.entry("subtitle", "À l’hébergeur ou au bureau d’enregistrement"),
          Map.entry("from", "Expéditeur\u00a0: "),
          Map.entry("request", "1. Objet de la demande"),
          Map.entry("requestText", "Nous vous demandons de suspendre, de retirer ou de neutraliser sans délai les ressources énumérées à la"
              + " section 2, qui servent à commettre des infractions pénales, et de conserver les données qui s’y rattachent (informations"
              + " relatives aux abonnés, journaux et contenus) jusqu’à ce qu’une demande formelle de communication vous parvienne. Nous"
              + " vous prions de confirmer par retour, à l’adresse de contact ci-dessus et en rappelant la référence de la présente"
              + " demande, les mesures prises et leur date."),
          Map.entry("resources", "2. Ressources concernées"),
          Map.entry("facts", "3. Infraction et faits"),
          Map.entry("evidence", "4. Éléments de preuve à l’appui de la demande"),
          Map.entry("item", "Élément"), Map.entry("description", "Description"),
          Map.entry("legal", "5. Base juridique"),
          Map.entry("legalText", "À compléter par l’autorité requérante\u00a0: dispositions du droit national, décision judiciaire ou"
              + " conditions d’utilisation en vertu desquelles la suspension est demandée\u00a0:"),
          Map.entry("confidential", "Nous vous prions de traiter la présente demande de manière confidentielle et de ne pas en informer le"
              + " client concerné avant la neutralisation des ressources."),
          Map.entry("footer", "Demande de retrait · établie le")),
      "es", Map.ofEntries(
          Map.entry("title", "Solicitud de suspensión o retirada de recursos maliciosos"),
          Map.entry("subtitle", "Al proveedor de alojamiento o registrador"),
          Map.entry("from", "Remitente: "),
          Map.entry("request", "1. Objeto de la solicitud"),
          Map.entry("requestText", "Les solicitamos que suspendan, retiren o inhabiliten sin demora los recursos enumerados en el apartado 2,"
              + " que se utilizan para cometer delitos, y que conserven los datos asociados a ellos (información de abonados, registros y"
              + " contenidos) hasta que reciban una solicitud formal de revelación. Les rogamos que confirmen, respondiendo a la dirección"
              + " de contacto indicada y citando la referencia de esta solicitud, las medidas adoptadas y su fecha."),
          Map.entry("resources", "2. Recursos afectados"),
          Map.entry("facts", "3. Delito y hechos"),
          Map.entry("evidence", "4. Pruebas que respaldan la solicitud"),
          Map.entry("item", "Elemento"), Map.entry("description", "Descripción"),
          Map.entry("legal", "5. Fundamento jurídico"),
          Map.entry("legalText", "A completar por la autoridad requirente: disposiciones del derecho nacional, resolución judicial o"
              + " condiciones de servicio en virtud de las cuales se solicita la suspensión:"),
          Map.entry("confidential", "Les rogamos que traten esta solicitud de forma confidencial y que no informen al cliente afectado antes"
              + " de que los recursos queden inhabilitados."),
          Map.entry("footer", "Solicitud de retirada · redactada el")),
      "ar", Map.ofEntries(
          Map.entry("title", "طلب تعليق موارد خبيثة أو إزالتها"),
          Map.entry("subtitle", "إلى مزوّد الاستضافة أو جهة التسجيل"),
          Map.entry("from", "من: "),
          Map.entry("request", "1. موضوع الطلب"),
          Map.entry("requestText", "نطلب منكم تعليق الموارد المبيّنة في القسم 2 أو إزالتها أو تعطيلها بأي وسيلة أخرى دون تأخير، إذ"
              + " تُستخدم في ارتكاب جرائم جنائية، والتحفّظ على البيانات المرتبطة بها (معلومات المشتركين والسجلات والمحتوى) إلى حين"
              + " وصول طلب رسمي بالإفصاح عنها. ويُرجى تأكيد الإجراءات المتخذة وتاريخها بالرد على جهة الاتصال المذكورة أعلاه، مع الإشارة"
              + " إلى مرجع هذا الطلب."),
          Map.entry("resources", "2. الموارد المعنية"),
          Map.entry("facts", "3. الجريمة والوقائع"),
          Map.entry("evidence", "4. الأدلة الداعمة للطلب"),
          Map.entry("item", "العنصر"), Map.entry("description", "الوصف"),
          Map.entry("legal", "5. السند القانوني"),
          Map.entry("legalText", "تستكمله السلطة الطالبة: أحكام القانون الوطني أو الأمر القضائي أو شروط الخدمة التي يُطلب التعليق"
              + " بموجبها:"),
          Map.entry("confidential", "يُرجى التعامل مع هذا الطلب بسرّية، وعدم إبلاغ العميل المعني قبل تعطيل الموارد."),
          Map.entry("footer", "طلب إزالة · أُعدّ في")));
}
