package dev.quotabot.quota.watch.vault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quotabot.quota.ApiKey;
import dev.quotabot.quota.watch.WatchSecret;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import org.junit.jupiter.api.Test;

final class KeyVaultTest {
  private static final String KEY = "ms-0123456789abcdef-SECRETPART-a1b2";
  private static final String RELAY = "https://relay.private.example/v1";

  private static byte[] key(int fill) {
    byte[] key = new byte[32];
    Arrays.fill(key, (byte) fill);
    key[0] = (byte) (fill * 7 + 1);
    return key;
  }

  private static final KeyVault VAULT = new KeyVault(key(1), Optional.empty());

  @Test
  void opensWhatItSealedWithoutBaseUrl() {
    WatchSecret secret = new WatchSecret(ApiKey.of(KEY), null);

    WatchSecret opened = VAULT.open(VAULT.seal(secret));

    assertEquals(KEY, opened.key().reveal());
    assertNull(opened.baseUrl());
  }

  @Test
  void opensWhatItSealedWithBaseUrl() {
    WatchSecret secret = new WatchSecret(ApiKey.of(KEY), RELAY);

    WatchSecret opened = VAULT.open(VAULT.seal(secret));

    assertEquals(KEY, opened.key().reveal());
    assertEquals(RELAY, opened.baseUrl());
  }

  @Test
  void twoSealsOfOneSecretDifferInNonceAndCiphertext() {
    WatchSecret secret = new WatchSecret(ApiKey.of(KEY), RELAY);

    SealedSecret first = VAULT.seal(secret);
    SealedSecret second = VAULT.seal(secret);

    assertEquals(12, first.nonce().length);
    assertFalse(Arrays.equals(first.nonce(), second.nonce()));
    assertFalse(Arrays.equals(first.ciphertext(), second.ciphertext()));
  }

  @Test
  void ciphertextHoldsNeitherTheKeyNorTheBaseUrl() {
    SealedSecret sealed = VAULT.seal(new WatchSecret(ApiKey.of(KEY), RELAY));

    String bytes = new String(sealed.ciphertext(), StandardCharsets.ISO_8859_1);
    assertFalse(bytes.contains("SECRETPA"));
    assertFalse(bytes.contains("private"));
    // plaintext + 16-byte tag: nothing is padded or compressed away
    assertTrue(sealed.ciphertext().length > KEY.length() + RELAY.length() + 16);
  }

  @Test
  void keyIdIsSixteenHexCharactersThatDoNotRevealTheKey() {
    String id = KeyVault.keyId(key(1));

    assertTrue(id.matches("[0-9a-f]{16}"), id);
    assertEquals(id, VAULT.seal(new WatchSecret(ApiKey.of(KEY), null)).keyId());
    assertFalse(HexFormat.of().formatHex(key(1)).contains(id));
    assertFalse(id.equals(KeyVault.keyId(key(2))));
  }

  @Test
  void previousKeyStillOpensAndIsNotCurrent() {
    // GIVEN a record sealed before the operator rotated keys
    KeyVault before = new KeyVault(key(1), Optional.empty());
    SealedSecret old = before.seal(new WatchSecret(ApiKey.of(KEY), RELAY));

    // WHEN the vault has a new key and the old one as previous
    KeyVault after = new KeyVault(key(2), Optional.of(key(1)));

    // THEN the record opens, is reported as not current, and a re-seal is current
    assertEquals(KEY, after.open(old).key().reveal());
    assertFalse(after.isCurrent(old));
    assertTrue(after.isCurrent(after.seal(after.open(old))));
  }

  @Test
  void aRecordOfAnUnknownKeyFailsNamingTheIdAndBothSettings() {
    SealedSecret sealed = VAULT.seal(new WatchSecret(ApiKey.of(KEY), null));
    KeyVault other = new KeyVault(key(2), Optional.of(key(3)));

    VaultException failure = assertThrows(VaultException.class, () -> other.open(sealed));

    assertTrue(failure.getMessage().contains(sealed.keyId()), failure.getMessage());
    assertTrue(failure.getMessage().contains("watch.encryption_key "), failure.getMessage());
    assertTrue(failure.getMessage().contains("watch.encryption_key_previous"));
  }

  @Test
  void aRecordPassedOffAsAnotherKeysDoesNotOpen() {
    // GIVEN a record sealed by key 1 but labelled with key 2's id
    SealedSecret sealed = VAULT.seal(new WatchSecret(ApiKey.of(KEY), null));
    KeyVault other = new KeyVault(key(2), Optional.empty());
    SealedSecret relabelled =
        new SealedSecret(other.currentKeyId(), sealed.nonce(), sealed.ciphertext());

    // THEN key 2 refuses it cleanly
    VaultException failure = assertThrows(VaultException.class, () -> other.open(relabelled));
    assertTrue(failure.getMessage().contains("does not open"), failure.getMessage());
  }

  @Test
  void aFlippedCiphertextByteDoesNotOpen() {
    SealedSecret sealed = VAULT.seal(new WatchSecret(ApiKey.of(KEY), RELAY));
    byte[] altered = sealed.ciphertext();
    altered[3] ^= 1;

    VaultException failure =
        assertThrows(
            VaultException.class,
            () -> VAULT.open(new SealedSecret(sealed.keyId(), sealed.nonce(), altered)));

    assertTrue(failure.getMessage().contains("does not open"), failure.getMessage());
  }

  @Test
  void anAlteredNonceDoesNotOpen() {
    SealedSecret sealed = VAULT.seal(new WatchSecret(ApiKey.of(KEY), RELAY));
    byte[] nonce = sealed.nonce();
    nonce[0] ^= 1;

    assertThrows(
        VaultException.class,
        () -> VAULT.open(new SealedSecret(sealed.keyId(), nonce, sealed.ciphertext())));
  }

  @Test
  void messagesAndToStringsHoldNoFragmentOfAnyKey() {
    // GIVEN every text the vault can produce about a record
    WatchSecret secret = new WatchSecret(ApiKey.of(KEY), RELAY);
    SealedSecret sealed = VAULT.seal(secret);
    byte[] altered = sealed.ciphertext();
    altered[0] ^= 1;
    String texts =
        VAULT
            + " "
            + sealed
            + " "
            + secret
            + " "
            + assertThrows(
                    VaultException.class,
                    () -> VAULT.open(new SealedSecret(sealed.keyId(), sealed.nonce(), altered)))
                .getMessage()
            + " "
            + assertThrows(
                    VaultException.class, () -> new KeyVault(key(2), Optional.empty()).open(sealed))
                .getMessage();

    // THEN none holds 8 characters of the API key, the relay, or the encryption key in any form
    for (int i = 0; i + 8 <= KEY.length(); i++) {
      assertFalse(texts.contains(KEY.substring(i, i + 8)), texts);
    }
    assertFalse(texts.contains("relay.private"), texts);
    String hex = HexFormat.of().formatHex(key(1));
    String base64 = Base64.getEncoder().encodeToString(key(1));
    for (int i = 0; i + 8 <= hex.length(); i++) {
      assertFalse(texts.contains(hex.substring(i, i + 8)), texts);
    }
    for (int i = 0; i + 8 <= base64.length(); i++) {
      assertFalse(texts.contains(base64.substring(i, i + 8)), texts);
    }
  }

  @Test
  void refusesAKeyThatIsNot32Bytes() {
    IllegalArgumentException failure =
        assertThrows(
            IllegalArgumentException.class, () -> new KeyVault(new byte[16], Optional.empty()));

    assertTrue(failure.getMessage().contains("32 bytes"), failure.getMessage());
    assertTrue(failure.getMessage().contains("16"), failure.getMessage());
    assertThrows(
        IllegalArgumentException.class, () -> new KeyVault(key(1), Optional.of(new byte[31])));
  }
}
