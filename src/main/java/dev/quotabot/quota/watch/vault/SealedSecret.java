package dev.quotabot.quota.watch.vault;

/**
 * A sealed {@link dev.quotabot.quota.watch.WatchSecret} as stored: which encryption key sealed it,
 * the nonce, and the ciphertext with its GCM tag. Useless without the operator's key.
 *
 * @param keyId the id of the encryption key that sealed it (derived from the key, not secret)
 * @param nonce 12 random bytes, never reused with one key
 * @param ciphertext the sealed bytes, tag included
 */
public record SealedSecret(String keyId, byte[] nonce, byte[] ciphertext) {

  public SealedSecret {
    nonce = nonce.clone();
    ciphertext = ciphertext.clone();
  }

  @Override
  public byte[] nonce() {
    return nonce.clone();
  }

  @Override
  public byte[] ciphertext() {
    return ciphertext.clone();
  }

  @Override
  public String toString() {
    return "SealedSecret[keyId=" + keyId + ", " + ciphertext.length + " bytes]";
  }
}
