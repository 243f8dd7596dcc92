package dev.quotabot.quota.watch.vault;

import dev.quotabot.quota.ApiKey;
import dev.quotabot.quota.watch.WatchSecret;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * Seals and opens watch secrets with the operator's AES-256 key ({@code watch.encryption_key}),
 * opening with the previous key ({@code watch.encryption_key_previous}) too, so keys can be
 * rotated. AES-256-GCM from the JDK (no extra library for one cipher mode), a fresh 96-bit nonce
 * per record, a 128-bit tag, and the key's id as associated data so a record cannot be passed off
 * as sealed by another key.
 */
public final class KeyVault {
  public static final int KEY_BYTES = 32;
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final String TRANSFORMATION = "AES/GCM/NoPadding";
  private static final byte[] KEY_ID_LABEL =
      "quota-bot watch encryption key id v1\0".getBytes(StandardCharsets.US_ASCII);

  /** The first byte of every plaintext: lets a later version change the layout. */
  private static final byte FORMAT_V1 = 1;

  private final Sealer current;
  private final @Nullable Sealer previous;
  private final SecureRandom random = new SecureRandom();

  /**
   * @param current the 32-byte key that seals
   * @param previous an older 32-byte key that still opens; empty for none
   * @throws IllegalArgumentException when a key is not 32 bytes
   */
  public KeyVault(byte[] current, Optional<byte[]> previous) {
    this.current = new Sealer(current, "the current key");
    this.previous = previous.map(key -> new Sealer(key, "the previous key")).orElse(null);
  }

  /** The id of this key: the first 8 bytes of a labelled SHA-256 of it, in hex (not secret). */
  public static String keyId(byte[] key) {
    try {
      MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      sha256.update(KEY_ID_LABEL);
      sha256.update(key);
      return HexFormat.of().formatHex(sha256.digest(), 0, 8);
    } catch (NoSuchAlgorithmException impossible) {
      // every Java platform has SHA-256
      throw new IllegalStateException(impossible);
    }
  }

  /** The id of the key this vault seals with. */
  public String currentKeyId() {
    return current.id;
  }

  /** Seals with the current key and a fresh nonce. */
  public SealedSecret seal(WatchSecret secret) {
    byte[] nonce = new byte[NONCE_BYTES];
    random.nextBytes(nonce);
    byte[] plain = encode(secret);
    try {
      Cipher cipher = current.cipher(Cipher.ENCRYPT_MODE, nonce);
      return new SealedSecret(current.id, nonce, cipher.doFinal(plain));
    } catch (GeneralSecurityException unexpected) {
      // AES-GCM is part of every JDK; this is a broken platform, not a bad record
      throw new IllegalStateException(
          "AES-GCM is not available: " + unexpected.getClass().getSimpleName());
    } finally {
      Arrays.fill(plain, (byte) 0);
    }
  }

  /**
   * Opens with the key the record names.
   *
   * @throws VaultException when that key is not configured or the record does not open with it
   *     (wrong key, or altered): a clear message, never the plaintext or the key
   */
  public WatchSecret open(SealedSecret sealed) {
    Sealer sealer = sealerFor(sealed.keyId());
    if (sealer == null) {
      throw new VaultException(
          "A watch's key was sealed with encryption key id "
              + sealed.keyId()
              + ", which is neither watch.encryption_key (id "
              + current.id
              + ") nor watch.encryption_key_previous"
              + (previous == null ? " (not set)" : " (id " + previous.id + ")")
              + ": set the key that sealed it as watch.encryption_key_previous.");
    }
    byte[] plain;
    try {
      plain = sealer.cipher(Cipher.DECRYPT_MODE, sealed.nonce()).doFinal(sealed.ciphertext());
    } catch (GeneralSecurityException | IllegalArgumentException altered) {
      // a bad tag (altered, or a forged key id) or a nonce of the wrong length
      throw doesNotOpen(sealed, sealer);
    }
    try {
      return decode(plain, sealed);
    } finally {
      Arrays.fill(plain, (byte) 0);
    }
  }

  /** Whether this vault seals with the key that sealed {@code sealed} (false: re-seal it). */
  public boolean isCurrent(SealedSecret sealed) {
    return current.id.equals(sealed.keyId());
  }

  /** Names the key ids only: a vault in a log line or a debugger shows nothing secret. */
  @Override
  public String toString() {
    return "KeyVault[current="
        + current.id
        + ", previous="
        + (previous == null ? "(none)" : previous.id)
        + "]";
  }

  private @Nullable Sealer sealerFor(String keyId) {
    if (current.id.equals(keyId)) {
      return current;
    }
    return previous != null && previous.id.equals(keyId) ? previous : null;
  }

  private static VaultException doesNotOpen(SealedSecret sealed, Sealer sealer) {
    return new VaultException(
        "A watch's sealed key (encryption key id "
            + sealed.keyId()
            + ") does not open with "
            + sealer.role
            + ": the record was altered or damaged, or it was not sealed by this key.");
  }

  /**
   * Version 1: the format byte, the key's length (4 bytes) and its UTF-8 bytes, then 0 for no base
   * URL or 1, its length and its UTF-8 bytes.
   */
  private static byte[] encode(WatchSecret secret) {
    byte[] key = secret.key().reveal().getBytes(StandardCharsets.UTF_8);
    byte[] url =
        secret.baseUrl() == null ? new byte[0] : secret.baseUrl().getBytes(StandardCharsets.UTF_8);
    try {
      ByteBuffer out = ByteBuffer.allocate(1 + 4 + key.length + 1 + 4 + url.length);
      out.put(FORMAT_V1).putInt(key.length).put(key);
      if (secret.baseUrl() == null) {
        out.put((byte) 0);
      } else {
        out.put((byte) 1).putInt(url.length).put(url);
      }
      return Arrays.copyOf(out.array(), out.position());
    } finally {
      Arrays.fill(key, (byte) 0);
      Arrays.fill(url, (byte) 0);
    }
  }

  private static WatchSecret decode(byte[] plain, SealedSecret sealed) {
    try {
      ByteBuffer in = ByteBuffer.wrap(plain);
      if (in.get() != FORMAT_V1) {
        throw unreadable(sealed);
      }
      String key = utf8(in);
      String baseUrl =
          switch (in.get()) {
            case 0 -> null;
            case 1 -> utf8(in);
            default -> throw unreadable(sealed);
          };
      if (in.hasRemaining()) {
        throw unreadable(sealed);
      }
      return new WatchSecret(ApiKey.of(key), baseUrl);
    } catch (RuntimeException malformed) {
      if (malformed instanceof VaultException vault) {
        throw vault;
      }
      throw unreadable(sealed);
    }
  }

  private static String utf8(ByteBuffer in) {
    int length = in.getInt();
    if (length < 0 || length > in.remaining()) {
      throw new IllegalArgumentException("length out of bounds");
    }
    byte[] bytes = new byte[length];
    in.get(bytes);
    try {
      return new String(bytes, StandardCharsets.UTF_8);
    } finally {
      Arrays.fill(bytes, (byte) 0);
    }
  }

  private static VaultException unreadable(SealedSecret sealed) {
    return new VaultException(
        "A watch's sealed key (encryption key id "
            + sealed.keyId()
            + ") opened but is not in a format this version reads.");
  }

  /** One AES key, its id, and which setting it came from (for messages). */
  private static final class Sealer {
    private final SecretKeySpec key;
    private final String id;
    private final String role;

    Sealer(byte[] raw, String role) {
      if (raw.length != KEY_BYTES) {
        throw new IllegalArgumentException(
            "An encryption key must be "
                + KEY_BYTES
                + " bytes (AES-256); "
                + role
                + " is "
                + raw.length
                + " bytes.");
      }
      this.key = new SecretKeySpec(raw, "AES");
      this.id = keyId(raw);
      this.role = role;
    }

    Cipher cipher(int mode, byte[] nonce) throws GeneralSecurityException {
      Cipher cipher = Cipher.getInstance(TRANSFORMATION);
      cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
      cipher.updateAAD(id.getBytes(StandardCharsets.US_ASCII));
      return cipher;
    }
  }
}
