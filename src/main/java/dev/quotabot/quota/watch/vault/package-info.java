/**
 * Sealing a watched key: AES-256-GCM with the JDK's provider, a fresh 96-bit nonce per record, the
 * key's id stored beside the ciphertext so the operator can rotate keys. Nothing here logs.
 */
@NullMarked
package dev.quotabot.quota.watch.vault;

import org.jspecify.annotations.NullMarked;
