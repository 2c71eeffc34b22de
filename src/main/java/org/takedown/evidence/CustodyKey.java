package org.takedown.evidence;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.takedown.system.Hashes;

/**
 * The custody signing key: an Ed25519 or ECDSA key pair read from a PEM file (a "PRIVATE KEY" and a "PUBLIC KEY"
 * block) named by takedown.custody.signing-key. It lives outside the database, so that a database writer cannot sign
 * a forged chain head. The demo configuration generates one on first start; production requires one of its own.
 */
@Component
public class CustodyKey {

  private static final Logger log = LoggerFactory.getLogger(CustodyKey.class);
  private static final Pattern PEM = Pattern.compile("-----BEGIN ([A-Z ]+)-----([A-Za-z0-9+/=\\s]+)-----END \\1-----");

  private final PrivateKey privateKey;
  private final PublicKey publicKey;
  private final String algorithm;
  private final String id;

  CustodyKey(@Value("${takedown.custody.signing-key:./data/custody-signing-key.pem}") Path file,
      @Value("${takedown.custody.generate-key:true}") boolean generate) {
    Path path = file.toAbsolutePath().normalize();
    if (!Files.isRegularFile(path)) {
      if (!generate) {
        throw new IllegalStateException("takedown.custody.signing-key: there is no custody signing key at " + path + ". Create one "
            + "outside the database (openssl genpkey -algorithm ed25519 -out key.pem && openssl pkey -in key.pem -pubout >> key.pem), "
            + "name it in takedown.custody.signing-key and keep a copy of it safe (docs/custody.md).");
      }
      generate(path);
      log.warn("Generated a custody signing key at {}: fine for a demo; in production, create your own and keep it safe "
          + "(docs/custody.md, \"Anchoring\")", path);
    }
    KeyPair pair = read(path);
    this.privateKey = pair.getPrivate();
    this.publicKey = pair.getPublic();
    this.algorithm = signatureAlgorithm(publicKey);
    this.id = Hashes.sha256(publicKey.getEncoded()).substring(0, 16);
    if (!verify("takedown-custody-key-check", sign("takedown-custody-key-check"))) {
      throw new IllegalStateException("takedown.custody.signing-key: the private and public key in " + path + " do not belong together");
    }
    log.info("Custody heads are signed with the {} key {} from {}", publicKey.getAlgorithm(), id, path);
  }

  /** The first 16 hex digits of the SHA-256 of the public key (X.509 encoding); written with every signature. */
  public String id() {
    return id;
  }

  public String publicKeyPem() {
    return pem("PUBLIC KEY", publicKey.getEncoded());
  }

  String sign(String message) {
    try {
      Signature signer = Signature.getInstance(algorithm);
      signer.initSign(privateKey);
      signer.update(message.getBytes(StandardCharsets.UTF_8));
      return Base64.getEncoder().encodeToString(signer.sign());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Cannot sign with the custody key", e);
    }
  }

  boolean verify(String message, String signature) {
    if (signature == null) {
      return false;
    }
    try {
      Signature verifier = Signature.getInstance(algorithm);
      verifier.initVerify(publicKey);
      verifier.update(message.getBytes(StandardCharsets.UTF_8));
      return verifier.verify(Base64.getDecoder().decode(signature));
    } catch (IllegalArgumentException | GeneralSecurityException e) {
      return false;
    }
  }

  /** Writes a new Ed25519 key pair as PEM, readable by its owner only where the file system allows. */
  public static void generate(Path path) {
    try {
      KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
      Files.createDirectories(path.getParent());
      String text = pem("PRIVATE KEY", pair.getPrivate().getEncoded()) + pem("PUBLIC KEY", pair.getPublic().getEncoded());
      try {
        Files.writeString(path, text, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
      } catch (java.nio.file.FileAlreadyExistsException anotherNodeWasFirst) {
        return;
      }
      try {
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException notPosix) {
        // Windows: the directory's permissions apply.
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write a custody signing key to " + path, e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Ed25519 is part of every Java 17 runtime", e);
    }
  }

  private static KeyPair read(Path path) {
    String text;
    try {
      text = Files.readString(path, StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new UncheckedIOException("takedown.custody.signing-key: cannot read " + path, e);
    }
    byte[] privateDer = null;
    byte[] publicDer = null;
    Matcher block = PEM.matcher(text);
    while (block.find()) {
      byte[] der = Base64.getMimeDecoder().decode(block.group(2));
      switch (block.group(1)) {
        case "PRIVATE KEY" -> privateDer = der;
        case "PUBLIC KEY" -> publicDer = der;
        default -> { }
      }
    }
    if (privateDer == null || publicDer == null) {
      throw new IllegalStateException("takedown.custody.signing-key: " + path + " must hold a PEM \"PRIVATE KEY\" (PKCS#8) and a "
          + "\"PUBLIC KEY\" block; append the public key with: openssl pkey -in " + path + " -pubout >> " + path);
    }
    for (String family : Set.of("Ed25519", "EC")) {
      try {
        KeyFactory keys = KeyFactory.getInstance(family);
        return new KeyPair(keys.generatePublic(new X509EncodedKeySpec(publicDer)), keys.generatePrivate(new PKCS8EncodedKeySpec(privateDer)));
      } catch (GeneralSecurityException | ClassCastException notThisFamily) {
        // try the next one
      }
    }
    throw new IllegalStateException("takedown.custody.signing-key: " + path + " holds neither an Ed25519 nor an ECDSA key pair");
  }

  private static String signatureAlgorithm(PublicKey key) {
    return key.getAlgorithm().equals("EC") ? "SHA256withECDSA" : "Ed25519";
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
        + "\n-----END " + type + "-----\n";
  }
}
