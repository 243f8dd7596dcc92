package dev.quotabot.quota;

import org.jspecify.annotations.Nullable;

/**
 * What an answer tells about the site a key belongs to, for providers anyone can host (relays).
 *
 * @param software the software the site runs, as detected from what it answers ({@code new-api},
 *     {@code one-api}, {@code one-hub}, {@code sub2api}); null when it cannot be told
 * @param version the software's version as the site reports it ({@code v0.6.10}), when it does
 * @param name the operator's own display name for the site ({@code system_name}); never used to
 *     tell the software
 */
public record Site(@Nullable String software, @Nullable String version, @Nullable String name) {

  /**
   * The software as people name it, with its version when known ({@code new-api v0.6.10}); null
   * when the software is unknown.
   */
  public @Nullable String flavour() {
    if (software == null) {
      return null;
    }
    if (version == null || version.isBlank()) {
      return software;
    }
    return software + " " + (Character.isDigit(version.charAt(0)) ? "v" + version : version);
  }
}
