/*
 * The balances card: every amount the provider reported, one entry each.
 */
import { linkOrText, readableName, renderEstimate, renderLimits, renderSite, renderSpend, writeWithLink } from "./account.js";
import { count, el, statusStyle } from "./dom.js";
import { locale, MESSAGES, t } from "./i18n.js";
import { balanceName, can, offersBalanceOnly, providerInfo, providerName } from "./providers.js";
import { isBusy } from "./results.js";
import { UNKNOWN_PROVIDER, els, state } from "./state.js";

/* ---------- the balances: every amount the provider reported, one entry each ---------- */

export function renderAccount() {
  const report = state.report;
  els.account.hidden = report === null;
  if (report === null) {
    return;
  }
  const provider = providerInfo(report.provider) || UNKNOWN_PROVIDER;
  const account = report.account;
  const loading = account === null && isBusy();
  const known = account !== null && account.status === "ok";
  const balances = Array.isArray(account?.balances)
    ? account.balances.filter((balance) => balance !== null && typeof balance === "object")
    : [];
  els.account.dataset.provider = report.provider;
  // A provider that reads no balance (its limits come with each answer) has an account, not a
  // balance, to show: its note and where its console shows the rest.
  const readsBalances = can(provider, "balances") || provider === UNKNOWN_PROVIDER;
  // An account read as windows and no money (a coding plan) is usage limits, not a balance.
  const windowsOnly =
    readsBalances &&
    balances.length === 0 &&
    Array.isArray(account?.limits) &&
    account.limits.length > 0;
  els.accountHeading.textContent = windowsOnly
    ? t("accountHeadingLimits", providerName(provider))
    : readsBalances
      ? t("accountHeading", providerName(provider))
      : t("accountHeadingNoBalance", providerName(provider));
  els.accountLoadingText.textContent = readsBalances
    ? t("accountLoading", balanceName(provider))
    : t("accountLoadingNoBalance");
  // Where models are probed, the balance is what the calls spend: the card says why it matters.
  els.accountNote.hidden = !offersBalanceOnly(provider);
  els.accountNote.textContent = t("accountNote", providerName(provider), balanceName(provider));
  els.accountLoading.hidden = !loading;
  els.account.dataset.state = loading ? "loading" : known ? "ok" : "error";
  const user =
    account !== null && typeof account.user === "string" && account.user ? account.user : null;
  els.accountUser.hidden = user === null;
  // A key's own quota names the key (a token); otherwise the name is the account's.
  const token = balances.some((balance) => balance.scope === "key");
  els.accountUserText.textContent =
    user === null ? "" : t(token ? "accountToken" : "accountUser", user);
  // Whatever was read is shown, even beside an error (a relay's wallet when the key failed).
  els.accountBalances.hidden = balances.length === 0;
  els.accountBalances.replaceChildren(...balances.map(balanceEntry));
  renderSite(account);
  const limits = renderLimits(account);
  renderEstimate(account);
  const spend = renderSpend(account);
  // The provider's remark carries guidance (where the real wallet is…): shown whatever the state.
  const note = typeof account?.note === "string" && account.note.trim() ? account.note : null;
  const consoleUrl = provider.console_url;
  els.accountRemark.hidden = note === null;
  writeWithLink(els.accountRemarkText, note || "", consoleUrl);
  // A provider that tells a key no balance says so plainly when nothing else was read either
  // (no figure, no remark, no model row): the card is never silently empty.
  const nothingRead =
    known &&
    !readsBalances &&
    balances.length === 0 &&
    limits === 0 &&
    spend === 0 &&
    note === null &&
    report.rows.length === 0;
  els.accountEmpty.hidden = !nothingRead;
  els.accountEmpty.textContent = nothingRead ? t("accountNothingRead", providerName(provider)) : "";
  // The console page, unless the note already names it.
  const consoleLine = consoleUrl !== null && !(note || "").includes(consoleUrl);
  els.accountConsole.hidden = !consoleLine;
  els.accountConsole.replaceChildren();
  if (consoleLine) {
    els.accountConsole.append(t("accountConsole"), linkOrText(consoleUrl));
  }
  els.accountError.hidden = loading || known;
  if (!loading && !known) {
    renderAccountError(account);
  }
}

/**
 * One balance entry: what can be spent (big), its unit and scope, then every other figure the
 * upstream reported: total, used, frozen, expiry, requests and its own split (parts). A figure it
 * did not report is left out; an unknown amount to spend says "unknown", never 0. An unlimited
 * key says "Unlimited", never the sentinel or negative number some relays report for it, and a
 * negative amount is shown as owed, never as money to spend.
 */
export function balanceEntry(balance) {
  const unit = typeof balance.unit === "string" && balance.unit ? balance.unit : null;
  const scope = typeof balance.scope === "string" ? balance.scope : "";
  const scopes = MESSAGES[state.lang].scope;
  const entry = el("li", "balance");
  entry.dataset.scope = scope;
  entry.dataset.unit = unit || "";
  const label = el("p", "balance-label", Object.hasOwn(scopes, scope) ? scopes[scope] : scope);
  const figures = el("div", "account-figures");
  const headline = el("p", "account-available");
  const amount = el("span", "account-amount");
  const unitText = el("span", "account-unit");
  const caption = el("span", "account-caption", t("accountAvailable"));
  const unlimited = balance.unlimited === true;
  if (unlimited) {
    amount.textContent = t("accountUnlimited");
    headline.classList.add("is-unlimited");
  } else {
    const owed = isAmount(balance.available) && balance.available < 0;
    writeAmount(amount, owed ? -balance.available : balance.available, unit, false);
    unitText.textContent = unit || "";
    if (owed) {
      headline.classList.add("is-owed");
      caption.textContent = t("accountOwed");
    }
  }
  unitText.hidden = !unitText.textContent;
  headline.append(amount, unitText, caption);
  // The unit is beside the big amount; the facts repeat it only when it is not.
  const facts = factList(balance, unit, unitText.hidden);
  figures.append(headline);
  if (facts.children.length > 0) {
    figures.append(facts);
  }
  entry.append(label, figures);
  return entry;
}

export function factList(balance, unit, withUnit) {
  const facts = el("dl", "account-facts");
  const add = (name, label, value) => {
    const fact = el("div");
    fact.dataset.fact = name;
    const dd = el("dd");
    if (value instanceof Node) {
      dd.append(value);
    } else {
      dd.textContent = value;
    }
    fact.append(el("dt", null, label), dd);
    facts.append(fact);
  };
  const money = (value) => signedAmount(value, unit, withUnit);
  for (const [name, label] of [
    ["total", "accountTotal"],
    ["used", "accountUsed"],
    ["frozen", "accountFrozen"],
  ]) {
    if (isAmount(balance[name])) {
      add(name, t(label), money(balance[name]));
    }
  }
  const expires = new Date(typeof balance.expires_at === "string" ? balance.expires_at : NaN);
  if (!Number.isNaN(expires.getTime())) {
    const time = el(
      "time",
      null,
      expires.toLocaleString(locale(), { dateStyle: "medium", timeStyle: "short" }),
    );
    time.dateTime = expires.toISOString();
    add("expires", t("accountExpires"), time);
  }
  const requests = count(balance.requests);
  if (requests !== null) {
    add("requests", t("accountRequests"), requests.toLocaleString(locale()));
  }
  const parts = balance.parts !== null && typeof balance.parts === "object" ? balance.parts : {};
  const partNames = MESSAGES[state.lang].part;
  for (const [name, value] of Object.entries(parts)) {
    if (isAmount(value)) {
      const label = Object.hasOwn(partNames, name) ? partNames[name] : readableName(name);
      add(`part-${name}`, label, money(value));
    }
  }
  return facts;
}

export function isAmount(value) {
  return typeof value === "number" && Number.isFinite(value);
}

/** An amount as text; a negative one is money owed ("¥3.00 owed"), never money to spend. */
export function signedAmount(value, unit, withUnit) {
  const text = amountText(Math.abs(value), unit, withUnit);
  return value < 0 ? t("owed", text) : text;
}

/** Writes an amount, or "unknown" (marked as such) when there is none: never 0. */
export function writeAmount(node, value, unit, withUnit) {
  const known = isAmount(value);
  node.classList.toggle("unknown", !known);
  node.textContent = known ? amountText(value, unit, withUnit) : t("unknown");
}

/**
 * Money with its currency when the unit is a 3-letter code, else the number (with the unit when
 * `withUnit`, for figures shown apart from the big amount).
 */
export function amountText(value, unit, withUnit) {
  const money = formatCurrency(value, unit);
  if (money !== null) {
    return money;
  }
  const number = value.toLocaleString(locale(), { maximumFractionDigits: 4 });
  return withUnit && unit ? `${number} ${unit}` : number;
}

export function formatCurrency(value, unit) {
  if (typeof unit !== "string" || !/^[A-Z]{3}$/.test(unit)) {
    return null;
  }
  try {
    return new Intl.NumberFormat(locale(), {
      style: "currency",
      currency: unit,
      currencyDisplay: "narrowSymbol",
      maximumFractionDigits: Math.max(2, fractionDigits(value)),
    }).format(value);
  } catch {
    return null; // a code Intl does not know
  }
}

/** Up to 4 decimals: a relay's $0.0012 must not round to $0.00. */
export function fractionDigits(value) {
  const text = String(value);
  const dot = text.indexOf(".");
  return dot < 0 || /e/i.test(text) ? 2 : Math.min(4, text.length - dot - 1);
}

/** Makes `node` the badge of a server status: its tone, and its label in the page's language. */
export function setStatusBadge(node, status) {
  const labels = MESSAGES[state.lang].status;
  node.className = `badge badge-${statusStyle(status).tone}`;
  node.textContent = Object.hasOwn(labels, status) ? labels[status] : status;
  return node;
}

export function renderAccountError(account) {
  if (account === null) {
    els.accountErrorBadge.hidden = true;
    els.accountErrorText.textContent = t("accountNotRead");
    return;
  }
  els.accountErrorBadge.hidden = false;
  setStatusBadge(els.accountErrorBadge, String(account.status));
  els.accountErrorText.textContent =
    typeof account.error === "string" && account.error ? account.error : t("accountFailed");
}
