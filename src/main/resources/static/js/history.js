/*
 * The balance history panel, where the balance is going (<section id="history">): after each
 * finished check the page announces the report (a "quotabot:report" event: provider, the key's
 * fingerprint, checked_at, balances; never the key), this module records its balances in this
 * browser (history-store.js) and draws one small chart per balance over the last 30 days
 * (history-chart.js), with the burn rate and when the balance runs out where the data allow.
 *
 * Rules this module keeps (the page's rules, main.js's header):
 * - No innerHTML: every text is textContent; no inline style (the CSP forbids it): looks are classes.
 * - The key is never seen here, so it cannot be stored: a series is named by the fingerprint.
 * - Texts in en, zh-CN, zh-TW, ja, ko, following document.documentElement.lang.
 */
import { drawChart } from "./history-chart.js";
import { DAY_MS, last, load, record, save, STORAGE_KEY, trend } from "./history-store.js";
import en from "./texts/en.js";
import ja from "./texts/ja.js";
import ko from "./texts/ko.js";
import zhCN from "./texts/zh-CN.js";
import zhTW from "./texts/zh-TW.js";

// The panel's texts live with the page's other texts, one module per language (texts/<lang>.js).
const TEXTS = {
  en: en.history,
  "zh-CN": zhCN.history,
  "zh-TW": zhTW.history,
  ja: ja.history,
  ko: ko.history,
};

/** The table for the page's language (html lang): exact, then by family, else English. */
function language() {
  const lang = (document.documentElement.lang || "en").toLowerCase();
  if (lang.startsWith("zh")) {
    return /^zh-(tw|hk|mo|hant)/.test(lang) ? "zh-TW" : "zh-CN";
  }
  const family = lang.split("-")[0];
  return family in TEXTS ? family : "en";
}

const texts = () => TEXTS[language()];

const byId = (id) => document.getElementById(id);

function element(name, className, text) {
  const node = document.createElement(name);
  if (className) {
    node.className = className;
  }
  if (text !== undefined) {
    node.textContent = text;
  }
  return node;
}

function formatAmount(value, unit) {
  const lang = language();
  if (/^[A-Z]{3}$/.test(unit)) {
    try {
      return new Intl.NumberFormat(lang, {
        style: "currency",
        currency: unit,
        maximumFractionDigits: Math.abs(value) < 1 ? 4 : 2,
      }).format(value);
    } catch {
      // Not a currency Intl knows: written as a number and its unit below.
    }
  }
  const number = new Intl.NumberFormat(lang, {
    maximumFractionDigits: Math.abs(value) < 1 ? 4 : 2,
  }).format(value);
  return unit ? `${number} ${unit}` : number;
}

/** Dates of a series: with the time when its points are less than two days apart. */
function dateFormat(series) {
  const span = last(series).t - series.points[0].t;
  const options =
    span < 2 * DAY_MS
      ? { month: "short", day: "numeric", hour: "2-digit", minute: "2-digit" }
      : { month: "short", day: "numeric" };
  const format = new Intl.DateTimeFormat(language(), options);
  return (t) => format.format(new Date(t));
}

function seriesId(series) {
  return [series.provider, series.fingerprint, series.scope, series.unit].join("|");
}

// Provider ids and their names, as GET /api/providers tells them (the id until it answers).
const providerNames = new Map();

async function learnProviderNames() {
  try {
    const response = await fetch("/api/providers", { headers: { Accept: "application/json" } });
    const body = response.ok ? await response.json() : null;
    const list = Array.isArray(body) ? body : Array.isArray(body?.providers) ? body.providers : [];
    for (const provider of list) {
      if (typeof provider?.id === "string" && typeof provider?.name === "string" && provider.name) {
        providerNames.set(provider.id, provider.name);
      }
    }
  } catch {
    return; // The charts keep the provider's id.
  }
  render();
}

function seriesTitle(series) {
  const scope = texts().scope[series.scope] ?? series.scope;
  const provider = providerNames.get(series.provider) ?? series.provider;
  return [provider, series.fingerprint, series.unit ? `${scope} (${series.unit})` : scope]
    .filter(Boolean)
    .join(" · ");
}

/** The burn rate and run-out line under a chart. */
function trendLine(series, found) {
  const t = texts();
  const line = element("p", "bh-trend-text");
  line.dataset.trend = found.kind;
  if (found.kind === "few") {
    line.textContent = t.few;
    return line;
  }
  if (found.kind === "steady") {
    line.textContent = t.steady;
    return line;
  }
  const burn = element("span", "bh-burn", t.burn(formatAmount(-found.perDay, series.unit)));
  let out;
  if (found.days === 0) {
    out = t.usedUp;
  } else if (found.days < 1) {
    out = t.soon;
  } else {
    out = t.runsOut(new Intl.NumberFormat(language()).format(Math.round(found.days)));
  }
  line.append(burn, element("span", "bh-sep", " · "), element("span", "bh-runout", out));
  return line;
}

function seriesItem(series) {
  const t = texts();
  const item = element("li", "bh-series");
  item.dataset.series = seriesId(series);
  const found = trend(series);
  const formatDate = dateFormat(series);
  const title = seriesTitle(series);
  const head = element("div", "bh-series-head");
  head.append(
    element("h3", "bh-title", title),
    element("span", "bh-latest", formatAmount(last(series).available, series.unit)),
  );
  const chart = drawChart(series.points, {
    label: t.chart(title),
    trend: found,
    formatAmount: (value) => formatAmount(value, series.unit),
    formatDate,
  });
  item.append(
    head,
    chart,
    trendLine(series, found),
    element("p", "bh-count", t.checks(series.points.length, formatDate(series.points[0].t))),
  );
  return item;
}

function render() {
  const section = byId("history");
  if (!section) {
    return;
  }
  const t = texts();
  const data = load();
  byId("bh-heading").textContent = t.heading;
  byId("bh-note").textContent = t.note;
  byId("bh-record-label").textContent = t.record;
  byId("bh-clear").textContent = t.clear;
  byId("bh-record").checked = data.recording;
  const list = byId("bh-list");
  list.replaceChildren(...data.series.map(seriesItem));
  list.hidden = data.series.length === 0;
  byId("bh-clear").hidden = data.series.length === 0;
  const emptyText = byId("bh-empty");
  emptyText.hidden = data.series.length > 0 && data.recording;
  emptyText.textContent = data.recording ? t.empty : t.off;
  section.dataset.recording = String(data.recording);
  section.dataset.ready = "true";
}

function say(text) {
  // Emptied first, so the same words said twice are announced twice.
  const status = byId("bh-status");
  status.textContent = "";
  requestAnimationFrame(() => {
    status.textContent = text;
  });
}

function onReport(event) {
  const data = load();
  if (record(data, event.detail)) {
    save(data);
  }
  render();
}

function onRecordingChanged(event) {
  const data = load();
  data.recording = event.target.checked;
  save(data);
  render();
}

function onClear() {
  const data = load();
  data.series = [];
  save(data);
  render();
  // The button is hidden now: focus goes to the setting beside it, not to the page's start.
  byId("bh-record").focus();
  say(texts().cleared);
}

function start() {
  if (!byId("history")) {
    return;
  }
  document.addEventListener("quotabot:report", onReport);
  byId("bh-record").addEventListener("change", onRecordingChanged);
  byId("bh-clear").addEventListener("click", onClear);
  // The page's language is the html element's lang: redraw in it whenever it changes.
  new MutationObserver(render).observe(document.documentElement, {
    attributes: true,
    attributeFilter: ["lang"],
  });
  // Another tab of the page recorded or cleared.
  addEventListener("storage", (event) => {
    if (event.key === STORAGE_KEY || event.key === null) {
      render();
    }
  });
  render();
  void learnProviderNames();
}

start();
