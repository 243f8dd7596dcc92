package dev.quotabot.quota;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One amount an upstream reported separately: a currency of an account, a key's own quota, a relay
 * account's wallet. Only what the upstream reported is filled in; unknown is null, never 0. Build
 * one with {@link #of}.
 *
 * @param scope whose money it is
 * @param unit what the amounts count: {@code 魔粒}, a currency code ({@code USD}, {@code CNY}),
 *     {@code tokens} or a relay's own symbol
 * @param available what can be spent now (negative when the upstream says the account owes money)
 * @param total the total granted or held, as the upstream defines it
 * @param used spent so far
 * @param frozen held for calls still running
 * @param unlimited true when the key has no limit of its own (then {@code available} is null); null
 *     when the upstream does not say
 * @param expiresAt when the key or grant expires; null for never or unknown
 * @param parts the upstream's own split of the amount ({@code granted}, {@code topped_up}, {@code
 *     voucher}, {@code cash}…), in the upstream's order
 * @param requests how many calls the account has made, where the upstream counts them
 */
public record Balance(
    Scope scope,
    String unit,
    @Nullable BigDecimal available,
    @Nullable BigDecimal total,
    @Nullable BigDecimal used,
    @Nullable BigDecimal frozen,
    @Nullable Boolean unlimited,
    @Nullable Instant expiresAt,
    Map<String, BigDecimal> parts,
    @Nullable Long requests) {

  /** Whose money an entry is. */
  public enum Scope {
    /** The account behind the key (ModelScope's 魔粒, a DeepSeek balance). */
    ACCOUNT,
    /** The key's own quota (a relay token, an OpenRouter key's limit). */
    KEY,
    /** A relay account's wallet, read with its admin access token. */
    WALLET;

    /** The name on the wire: {@code account}. */
    public String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public Balance {
    parts = Collections.unmodifiableMap(new LinkedHashMap<>(parts));
  }

  /** Starts an entry of {@code scope} counted in {@code unit}; everything else is unknown. */
  public static Builder of(Scope scope, String unit) {
    return new Builder(scope, unit);
  }

  /** The same entry with {@code more} parts after its own (a part of the same name replaced). */
  public Balance withParts(Map<String, BigDecimal> more) {
    Map<String, BigDecimal> all = new LinkedHashMap<>(parts);
    all.putAll(more);
    return new Balance(
        scope, unit, available, total, used, frozen, unlimited, expiresAt, all, requests);
  }

  /** Every figure of this entry, parts and request count included (for checks over reports). */
  public List<BigDecimal> figures() {
    List<BigDecimal> figures = new ArrayList<>();
    for (BigDecimal figure : new BigDecimal[] {available, total, used, frozen}) {
      if (figure != null) {
        figures.add(figure);
      }
    }
    figures.addAll(parts.values());
    if (requests != null) {
      figures.add(BigDecimal.valueOf(requests));
    }
    return figures;
  }

  /** Fills in a {@link Balance} by name instead of by position. */
  public static final class Builder {
    private final Scope scope;
    private final String unit;
    private @Nullable BigDecimal available;
    private @Nullable BigDecimal total;
    private @Nullable BigDecimal used;
    private @Nullable BigDecimal frozen;
    private @Nullable Boolean unlimited;
    private @Nullable Instant expiresAt;
    private final Map<String, BigDecimal> parts = new LinkedHashMap<>();
    private @Nullable Long requests;

    private Builder(Scope scope, String unit) {
      this.scope = scope;
      this.unit = unit;
    }

    public Builder available(@Nullable BigDecimal amount) {
      available = amount;
      return this;
    }

    public Builder total(@Nullable BigDecimal amount) {
      total = amount;
      return this;
    }

    public Builder used(@Nullable BigDecimal amount) {
      used = amount;
      return this;
    }

    public Builder frozen(@Nullable BigDecimal amount) {
      frozen = amount;
      return this;
    }

    public Builder unlimited(@Nullable Boolean value) {
      unlimited = value;
      return this;
    }

    public Builder expiresAt(@Nullable Instant when) {
      expiresAt = when;
      return this;
    }

    /** Adds one part of the upstream's split; an unknown amount adds nothing. */
    public Builder part(String name, @Nullable BigDecimal amount) {
      if (amount != null) {
        parts.put(name, amount);
      }
      return this;
    }

    public Builder requests(@Nullable Long count) {
      requests = count;
      return this;
    }

    public Balance build() {
      return new Balance(
          scope, unit, available, total, used, frozen, unlimited, expiresAt, parts, requests);
    }
  }
}
