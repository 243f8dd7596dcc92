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

const TEXTS = {
  en: {
    heading: "Balance history: where it is going",
    note: "Kept in this browser only (localStorage): the balances of each check, by key fingerprint, for 30 days. The key itself is never saved, and none of this is sent to the server.",
    record: "Record balances after each check",
    clear: "Clear history",
    empty: "Nothing recorded yet. Each check that reads a balance adds a point here.",
    off: "Recording is off: checks are not recorded.",
    few: "Not enough data for a trend (needs 3 checks over at least 6 hours).",
    steady: "Not going down: no run-out date.",
    burn: (amount) => `Burn rate ≈ ${amount} a day`,
    runsOut: (days) => (days === 1 ? "runs out in ≈ 1 day" : `runs out in ≈ ${days} days`),
    soon: "runs out in less than a day",
    usedUp: "used up",
    checks: (n, since) => (n === 1 ? `1 check, ${since}` : `${n} checks since ${since}`),
    cleared: "History cleared.",
    chart: (title) => `${title}: balance over the last 30 days`,
    scope: { account: "account", key: "key", wallet: "wallet" },
  },
  "zh-CN": {
    heading: "余额历史：余额的去向",
    note: "仅保存在本浏览器（localStorage）中：按密钥指纹记录每次查询的余额，保留 30 天。密钥本身从不保存，这些记录也不会发送到服务器。",
    record: "每次查询后记录余额",
    clear: "清除记录",
    empty: "还没有记录。每次读到余额的查询都会在这里添加一个点。",
    off: "记录已关闭：查询不会被记录。",
    few: "数据不足，无法估算趋势（需要至少 3 次查询，且跨越 6 小时以上）。",
    steady: "余额没有下降：无法估算用完的时间。",
    burn: (amount) => `消耗速度 ≈ 每天 ${amount}`,
    runsOut: (days) => `约 ${days} 天后用完`,
    soon: "不到一天就会用完",
    usedUp: "已用完",
    checks: (n, since) => `自 ${since} 起 ${n} 次查询`,
    cleared: "记录已清除。",
    chart: (title) => `${title}：近 30 天的余额`,
    scope: { account: "账户", key: "密钥", wallet: "钱包" },
  },
  "zh-TW": {
    heading: "餘額歷史：餘額的去向",
    note: "僅保存在此瀏覽器（localStorage）中：依金鑰指紋記錄每次查詢的餘額，保留 30 天。金鑰本身從不儲存，這些紀錄也不會傳送到伺服器。",
    record: "每次查詢後記錄餘額",
    clear: "清除紀錄",
    empty: "尚無紀錄。每次讀到餘額的查詢都會在這裡新增一個點。",
    off: "紀錄已關閉：查詢不會被記錄。",
    few: "資料不足，無法估算趨勢（需要至少 3 次查詢，且跨越 6 小時以上）。",
    steady: "餘額沒有下降：無法估算用完的時間。",
    burn: (amount) => `消耗速度 ≈ 每天 ${amount}`,
    runsOut: (days) => `約 ${days} 天後用完`,
    soon: "不到一天就會用完",
    usedUp: "已用完",
    checks: (n, since) => `自 ${since} 起 ${n} 次查詢`,
    cleared: "紀錄已清除。",
    chart: (title) => `${title}：近 30 天的餘額`,
    scope: { account: "帳戶", key: "金鑰", wallet: "錢包" },
  },
  ja: {
    heading: "残高の履歴：残高の推移",
    note: "このブラウザ（localStorage）にのみ保存されます：キーのフィンガープリントごとに、各チェックの残高を 30 日間記録します。キー自体は保存されず、この記録がサーバーに送られることもありません。",
    record: "チェックのたびに残高を記録する",
    clear: "履歴を消去",
    empty: "まだ記録がありません。残高を読み取ったチェックごとに、ここに点が追加されます。",
    off: "記録はオフです：チェックは記録されません。",
    few: "データ不足のため傾向を出せません（6 時間以上にわたる 3 回以上のチェックが必要です）。",
    steady: "残高は減っていません：なくなる時期は推定できません。",
    burn: (amount) => `消費ペース ≈ 1 日あたり ${amount}`,
    runsOut: (days) => `あと約 ${days} 日でなくなります`,
    soon: "1 日以内になくなります",
    usedUp: "使い切りました",
    checks: (n, since) => `${since} から ${n} 回のチェック`,
    cleared: "履歴を消去しました。",
    chart: (title) => `${title}：過去 30 日間の残高`,
    scope: { account: "アカウント", key: "キー", wallet: "ウォレット" },
  },
  ko: {
    heading: "잔액 기록: 잔액 추이",
    note: "이 브라우저(localStorage)에만 저장됩니다: 키 지문별로 각 확인의 잔액을 30일 동안 기록합니다. 키 자체는 저장되지 않으며, 이 기록은 서버로 전송되지 않습니다.",
    record: "확인할 때마다 잔액 기록",
    clear: "기록 지우기",
    empty: "아직 기록이 없습니다. 잔액을 읽은 확인마다 여기에 점이 하나 추가됩니다.",
    off: "기록이 꺼져 있습니다: 확인이 기록되지 않습니다.",
    few: "추세를 낼 데이터가 부족합니다(6시간 이상에 걸친 3회 이상의 확인이 필요합니다).",
    steady: "잔액이 줄지 않고 있습니다: 소진 시점을 추정할 수 없습니다.",
    burn: (amount) => `소진 속도 ≈ 하루 ${amount}`,
    runsOut: (days) => `약 ${days}일 후 소진`,
    soon: "하루 안에 소진",
    usedUp: "모두 소진됨",
    checks: (n, since) => `${since}부터 확인 ${n}회`,
    cleared: "기록을 지웠습니다.",
    chart: (title) => `${title}: 최근 30일 잔액`,
    scope: { account: "계정", key: "키", wallet: "지갑" },
  },
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
