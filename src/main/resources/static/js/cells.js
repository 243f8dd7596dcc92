/*
 * The cells of a result row and the named rate-limit windows.
 */
import { usedShare } from "./account.js";
import { isAmount, setStatusBadge } from "./balances.js";
import { count, el } from "./dom.js";
import { locale, MESSAGES, t } from "./i18n.js";
import { reportProviderName } from "./providers.js";
import { cell } from "./results.js";
import { LOCAL_STYLE, state } from "./state.js";

/* ---------- named rate-limit windows (data[].limits) ---------- */

/** Whether the row carries any of the seed's four numbers (ModelScope's quota columns). */
export function hasSeedNumber(row) {
  return [
    row.request_limit,
    row.request_remaining,
    row.model_request_limit,
    row.model_request_remaining,
  ].some((value) => count(value) !== null);
}

/**
 * The row's windows worth a line: well-formed, with something known, and not a repeat of the
 * seed's numbers already in the quota columns (a window whose limit and remaining are exactly a
 * seed pair, as ModelScope's requests_per_day is). Decided by the data, never by the provider.
 */
export function shownWindows(row) {
  if (!Array.isArray(row.limits)) {
    return [];
  }
  const seeds = [
    [row.request_limit, row.request_remaining],
    [row.model_request_limit, row.model_request_remaining],
  ]
    .map(([limit, remaining]) => [count(limit), count(remaining)])
    .filter(([limit, remaining]) => limit !== null || remaining !== null);
  return row.limits.filter((entry) => {
    if (entry === null || typeof entry !== "object" || typeof entry.name !== "string") {
      return false;
    }
    const limit = count(entry.limit);
    const remaining = count(entry.remaining);
    const known =
      limit !== null ||
      remaining !== null ||
      resetTime(entry) !== null ||
      isAmount(entry.used_percent);
    const repeat = seeds.some(([l, r]) => l === limit && r === remaining);
    return entry.name !== "" && known && !repeat;
  });
}

/** "requests/day 14,370 / 14,400 · resets in 3 h", one line per window; unknown never 0. */
export function windowList(windows) {
  const list = el("ul", "windows");
  list.setAttribute("aria-label", t("windowsLabel"));
  for (const entry of windows) {
    const item = el("li", "window");
    item.dataset.window = entry.name;
    item.append(el("span", "window-name", windowName(entry.name)), " ");
    if (count(entry.remaining) === null && count(entry.limit) === null && isAmount(entry.used_percent)) {
      // A window told as a share (a plan's), not as counts: the share, not "unknown / unknown".
      const percent = entry.used_percent.toLocaleString(locale(), { maximumFractionDigits: 1 });
      item.append(el("span", "window-used", t("limitUsed", percent)));
    } else {
      item.append(
        numberOrUnknown("window-remaining", count(entry.remaining)),
        el("span", "quota-sep", " / "),
        numberOrUnknown("window-limit", count(entry.limit)),
      );
    }
    const reset = resetTime(entry);
    if (reset !== null) {
      item.append(el("span", "window-sep", " · "), resetElement(reset));
    }
    list.append(item);
  }
  return list;
}

/**
 * A window's name as people say it: requests_per_day → "requests/day" ("请求/天"). Names are
 * what_per_period as the provider defines them (tokens_per_5_hours → "tokens/5 hours"); a part the
 * page has no word for is shown with spaces for underscores.
 */
export function windowName(name) {
  const words = MESSAGES[state.lang];
  const match = /^(.+?)_per_(.+)$/.exec(name);
  const what = match ? match[1] : name;
  const period = match ? match[2] : null;
  const say = (table, key) => (Object.hasOwn(table, key) ? table[key] : key.replaceAll("_", " "));
  return t(
    "windowName",
    say(words.windowWhat, what),
    period === null ? null : say(words.windowPeriod, period),
  );
}

export function resetTime(entry) {
  const at = new Date(typeof entry.resets_at === "string" ? entry.resets_at : NaN);
  return Number.isNaN(at.getTime()) ? null : at;
}

/** "resets in 3 h", with the local time as the title and the instant as its datetime. */
export function resetElement(at) {
  const left = at.getTime() - Date.now();
  const text = left > 0 ? t("resetsIn", durationText(left)) : t("hasReset");
  const time = el("time", "window-reset", text);
  time.dateTime = at.toISOString();
  time.title = t(
    "resetsAtTitle",
    at.toLocaleString(locale(), { dateStyle: "medium", timeStyle: "medium" }),
  );
  return time;
}

/** A time to come, rounded up to what is worth saying: 45 s, 12 min, 3 h 5 min, 2 d 4 h. */
export function durationText(ms) {
  const units = MESSAGES[state.lang].duration;
  if (ms < 60000) {
    return units.seconds(Math.ceil(ms / 1000));
  }
  const minutes = Math.ceil(ms / 60000);
  if (minutes < 60) {
    return units.minutes(minutes);
  }
  if (minutes < 48 * 60) {
    return units.hours(Math.floor(minutes / 60), minutes % 60);
  }
  const hours = Math.ceil(ms / 3600000);
  return units.days(Math.floor(hours / 24), hours % 24);
}

export function statusCell(row) {
  const td = cell("cell-status", "colStatus");
  if (row.local) {
    const style = LOCAL_STYLE[row.local];
    td.append(
      el("span", `badge badge-${style.tone}`, t(style.label)),
      el("p", "detail", t(style.detail, reportProviderName())),
    );
    return td;
  }
  td.append(setStatusBadge(el("span"), String(row.status)));
  // The server explains failures in `error` and unknown numbers in `note`.
  const detail = row.error || row.note;
  if (typeof detail === "string") {
    td.append(el("p", row.error ? "detail detail-error" : "detail", detail));
  }
  return td;
}

export function quotaCell(labelKey, remaining, limit) {
  const td = cell("cell-num cell-quota", labelKey);
  td.append(
    numberOrUnknown("quota-remaining", count(remaining)),
    el("span", "quota-sep", " / "),
    numberOrUnknown("quota-limit", count(limit)),
  );
  return td;
}

export function numberOrUnknown(className, value) {
  return value === null
    ? el("span", `${className} unknown`, t("unknown"))
    : el("span", className, value.toLocaleString(locale()));
}

/**
 * Share left: of the model's own limit when known, otherwise of the user's overall limit,
 * otherwise of the row's tightest named window (the one that runs out first, in proportion).
 */
export function shareOf(row) {
  const model = ratio(row.model_request_remaining, row.model_request_limit);
  if (model !== null) {
    return { value: model, basis: "model" };
  }
  const user = ratio(row.request_remaining, row.request_limit);
  if (user !== null) {
    return { value: user, basis: "user" };
  }
  let tightest = null;
  for (const entry of shownWindows(row)) {
    const used = usedShare(entry);
    const value = used === null ? null : 1 - used;
    if (value !== null && (tightest === null || value < tightest.value)) {
      tightest = { value, basis: "window", name: entry.name };
    }
  }
  return tightest;
}

export function ratio(remaining, limit) {
  const r = count(remaining);
  const l = count(limit);
  return r === null || l === null || l === 0 ? null : Math.min(1, r / l);
}

export function shareCell(row) {
  const td = cell("cell-share", "colShare");
  const share = shareOf(row);
  const meter = el("div", "meter");
  const fill = el("div", "meter-fill");
  meter.append(fill);
  td.append(meter);
  if (!share) {
    meter.classList.add("meter-unknown");
    meter.setAttribute("role", "img");
    meter.setAttribute("aria-label", t("shareUnknown"));
    td.append(el("span", "share-text unknown", t("unknown")));
    return td;
  }
  const percent = Math.round(share.value * 100);
  const basis =
    share.basis === "window"
      ? t("shareOfWindow", windowName(share.name))
      : t(share.basis === "model" ? "shareOfModel" : "shareOfUser");
  meter.setAttribute("role", "meter");
  meter.setAttribute("aria-valuemin", "0");
  meter.setAttribute("aria-valuemax", "100");
  meter.setAttribute("aria-valuenow", String(percent));
  meter.setAttribute("aria-label", `${percent}% ${basis}`);
  meter.classList.add(meterTone(share.value));
  // Through the CSSOM, not a style attribute: the CSP (style-src 'self') allows only this.
  fill.style.width = `${share.value * 100}%`;
  const text = el("span", "share-text");
  text.append(el("span", "share-percent", `${percent}%`), el("span", "share-basis", basis));
  td.append(text);
  return td;
}

export function meterTone(share) {
  if (share >= 0.5) {
    return "meter-good";
  }
  return share >= 0.2 ? "meter-warn" : "meter-bad";
}

export function latencyCell(latency) {
  const td = cell("cell-num cell-latency", "colLatency");
  const ms = count(latency);
  td.textContent = ms === null ? "—" : `${ms.toLocaleString(locale())} ms`;
  return td;
}
