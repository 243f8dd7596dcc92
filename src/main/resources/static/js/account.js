/*
 * What else the account tells: its site, its own windows, recent spend, the call estimate.
 */
import { isAmount, writeAmount } from "./balances.js";
import { meterTone, numberOrUnknown, resetElement, resetTime, windowName } from "./cells.js";
import { count, el } from "./dom.js";
import { formatNumber } from "./form.js";
import { locale, MESSAGES, t } from "./i18n.js";
import { safeHttpUrl } from "./providers.js";
import { els, state } from "./state.js";

/* ---------- what else the account tells: its site, its own windows, recent spend ---------- */

/** A non-empty string from the server, or null. */
export function nonEmpty(value) {
  return typeof value === "string" && value.trim() ? value : null;
}

/**
 * A name from the server as words: lifetime_topped_up → "Lifetime topped up". A name that is
 * not all lower case (a model's, a brand's) keeps its letters; only underscores become spaces.
 */
export function readableName(name) {
  const words = String(name).replaceAll("_", " ").replace(/\s+/g, " ").trim();
  return words === words.toLowerCase() ? words.charAt(0).toUpperCase() + words.slice(1) : words;
}

/** "Site: My Relay · Software: new-api v0.6.10": the operator's name and what the site runs. */
export function renderSite(account) {
  const site = account?.site !== null && typeof account?.site === "object" ? account.site : null;
  const name = nonEmpty(site?.name);
  const flavour = nonEmpty(account?.flavour);
  els.accountSite.hidden = name === null && flavour === null;
  els.accountSiteName.hidden = name === null;
  els.accountSiteName.textContent = name === null ? "" : t("siteName", name);
  els.accountSiteSoftware.hidden = flavour === null;
  els.accountSiteSoftware.textContent = flavour === null ? "" : t("siteSoftware", flavour);
}

/**
 * The account's own quota windows (`account.limits`), one row each: its name, a bar of what is
 * used (used_percent, or worked out from the counts), remaining / limit when given, and when it
 * resets. What is unknown stays blank: never a 0 % bar. Returns how many rows were drawn.
 */
export function renderLimits(account) {
  const windows = Array.isArray(account?.limits)
    ? account.limits.filter(
        (entry) =>
          entry !== null && typeof entry === "object" && nonEmpty(entry.name) !== null,
      )
    : [];
  els.accountLimits.hidden = windows.length === 0;
  els.accountLimitsLabel.textContent = t("limitsLabel");
  els.accountLimitsList.replaceChildren(...windows.map(limitRow));
  return windows.length;
}

/** The share of a window used, 0…1, or null when neither a percent nor both counts are known. */
export function usedShare(entry) {
  if (isAmount(entry.used_percent)) {
    return Math.min(1, Math.max(0, entry.used_percent / 100));
  }
  const limit = count(entry.limit);
  const remaining = count(entry.remaining);
  if (limit === null || remaining === null || limit === 0) {
    return null;
  }
  return Math.min(1, Math.max(0, (limit - remaining) / limit));
}

export function limitRow(entry) {
  const item = el("li", "limit");
  item.dataset.window = entry.name;
  const head = el("p", "limit-head");
  head.append(el("span", "limit-name", windowName(entry.name)));
  const used = usedShare(entry);
  const usedText = el("span", "limit-used");
  head.append(usedText);
  const meter = el("div", "meter limit-meter");
  const fill = el("div", "meter-fill");
  meter.append(fill);
  if (used === null) {
    meter.classList.add("meter-unknown");
    meter.setAttribute("role", "img");
    meter.setAttribute("aria-label", t("limitUnknown"));
  } else {
    // The bar stops at its ends; the text says what the provider said (105 % used is news).
    const said = isAmount(entry.used_percent) ? entry.used_percent : used * 100;
    const percent = said.toLocaleString(locale(), { maximumFractionDigits: 1 });
    usedText.textContent = t("limitUsed", percent);
    meter.setAttribute("role", "meter");
    meter.setAttribute("aria-valuemin", "0");
    meter.setAttribute("aria-valuemax", "100");
    meter.setAttribute("aria-valuenow", String(Math.round(used * 100)));
    meter.setAttribute("aria-label", `${windowName(entry.name)}: ${t("limitUsed", percent)}`);
    meter.classList.add(meterTone(1 - used));
    // Through the CSSOM, like the other bars: the CSP allows no style attribute.
    fill.style.width = `${used * 100}%`;
  }
  const facts = el("p", "limit-facts");
  const limit = count(entry.limit);
  const remaining = count(entry.remaining);
  if (limit !== null || remaining !== null) {
    const counts = el("span", "limit-counts");
    counts.append(
      numberOrUnknown("limit-remaining", remaining),
      el("span", "quota-sep", " / "),
      numberOrUnknown("limit-limit", limit),
      " ",
      el("span", "limit-left", t("limitLeft")),
    );
    facts.append(counts);
  }
  const reset = resetTime(entry);
  if (reset !== null) {
    if (facts.childNodes.length > 0) {
      facts.append(el("span", "window-sep", " · "));
    }
    facts.append(resetElement(reset));
    const local = el(
      "span",
      "limit-reset-at",
      ` (${reset.toLocaleString(locale(), { weekday: "short", hour: "2-digit", minute: "2-digit" })})`,
    );
    facts.append(local);
  }
  item.append(head, meter);
  if (facts.childNodes.length > 0) {
    item.append(facts);
  }
  return item;
}

/**
 * "Recent spend by model": a row per model in the order the server gave, its amount in its unit
 * and its calls, labelled as the recent log it is (never a lifetime total). Returns the rows.
 */
export function renderSpend(account) {
  const entries = Array.isArray(account?.spend)
    ? account.spend.filter(
        (entry) => entry !== null && typeof entry === "object" && nonEmpty(entry.model) !== null,
      )
    : [];
  els.accountSpend.hidden = entries.length === 0;
  els.accountSpendCaption.textContent = t("spendCaption");
  els.spendColModel.textContent = t("spendModel");
  els.spendColAmount.textContent = t("spendAmount");
  els.spendColCalls.textContent = t("spendCalls");
  els.accountSpendBody.replaceChildren(...entries.map(spendRow));
  const since = entries
    .map((entry) => new Date(typeof entry.since === "string" ? entry.since : NaN))
    .filter((at) => !Number.isNaN(at.getTime()))
    .sort((a, b) => a - b)[0];
  els.accountSpendNote.textContent = since
    ? t("spendSince", since.toLocaleString(locale(), { dateStyle: "medium", timeStyle: "short" }))
    : t("spendNote");
  return entries.length;
}

export function spendRow(entry) {
  const tr = el("tr");
  tr.dataset.model = entry.model;
  const model = el("th", "spend-model", entry.model);
  model.scope = "row";
  const unit = nonEmpty(entry.unit);
  const amount = el("td", "num spend-amount");
  writeAmount(amount, entry.amount, unit, true);
  const calls = count(entry.calls);
  const callCell = el("td", "num spend-calls", calls === null ? "" : calls.toLocaleString(locale()));
  tr.append(model, amount, callCell);
  return tr;
}

/**
 * "≈ 500 light · 250 standard · 125 flagship calls, at 0.5 / 1 / 2 魔粒 a call": how many calls of
 * each price tier the available balance pays for, as the server estimated them, with the prices
 * it used. Labelled an estimate; entries without a usable price or count are left out.
 */
export function renderEstimate(account) {
  const entries = Array.isArray(account?.estimated_calls)
    ? account.estimated_calls.filter(
        (entry) =>
          entry !== null &&
          typeof entry === "object" &&
          typeof entry.tier === "string" &&
          entry.tier &&
          isAmount(entry.price) &&
          entry.price > 0 &&
          count(entry.calls) !== null,
      )
    : [];
  els.accountEstimate.hidden = entries.length === 0;
  els.accountEstimateLabel.textContent = t("estimateLabel");
  els.accountEstimateLabel.title = t("estimateNote");
  els.accountEstimateText.replaceChildren();
  if (entries.length === 0) {
    return;
  }
  const tiers = MESSAGES[state.lang].tier;
  const tierName = (tier) =>
    Object.hasOwn(tiers, tier) ? tiers[tier] : tier.replaceAll("_", " ");
  const calls = entries
    .map((entry) => t("estimateTier", entry.calls.toLocaleString(locale()), tierName(entry.tier)))
    .join(" · ");
  const prices = entries.map((entry) => formatNumber(entry.price)).join(" / ");
  const unit = typeof account.unit === "string" && account.unit ? account.unit : null;
  els.accountEstimateText.textContent = t("estimate", calls, prices, unit);
}

/**
 * Writes text, making the provider's console address a link where the text names it; everything
 * else stays text.
 */
export function writeWithLink(node, text, url) {
  const at = url === null ? -1 : text.indexOf(url);
  if (at < 0) {
    node.textContent = text;
    return;
  }
  node.replaceChildren(text.slice(0, at), linkOrText(url), text.slice(at + url.length));
}

/**
 * A link that opens the address in a new tab without telling it where it came from, when the
 * address is http(s); any other address is shown as plain text, never as a link.
 */
export function linkOrText(url) {
  const href = safeHttpUrl(url);
  if (href === null) {
    return el("span", "console-url", url);
  }
  const link = el("a", "console-url", url);
  link.href = href;
  link.target = "_blank";
  link.rel = "noopener noreferrer";
  return link;
}
