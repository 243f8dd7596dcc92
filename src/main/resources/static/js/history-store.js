/*
 * Where the balance is going: the record kept in this browser (localStorage, one key) and the
 * trend read from it. Pure data, no DOM: history.js draws it.
 *
 * Rules this module keeps:
 * - A series is one balance (scope and unit) of one key of one provider; the key is known only by
 *   the fingerprint the server returned (ms-…a1b2). The key itself never reaches this module, and a
 *   "fingerprint" that could be a whole key (too long, no ellipsis) is not recorded.
 * - Bounded: points older than 30 days go, each series keeps at most MAX_POINTS, and at most
 *   MAX_SERIES series are kept (the least recently checked go first).
 * - Times come from the report's checked_at (the server's clock), not from the browser's.
 */

export const STORAGE_KEY = "quotabot.balance_history";
export const DAY_MS = 24 * 3600 * 1000;
export const WINDOW_MS = 30 * DAY_MS;
const MAX_POINTS = 240;
const MAX_SERIES = 40;
// A trend needs this many points, spread over at least this long.
export const MIN_POINTS = 3;
export const MIN_SPAN_MS = 6 * 3600 * 1000;
// The server's fingerprint is 3 characters, "…", 4 characters; a short key's is "…" and 2.
const FINGERPRINT = /^[^\s…]{0,3}…[^\s…]{2,4}$/u;

function empty() {
  return { version: 1, recording: true, series: [] };
}

/** The stored record, or an empty one if there is none or it cannot be read. */
export function load() {
  let raw = null;
  try {
    raw = localStorage.getItem(STORAGE_KEY);
  } catch {
    return empty();
  }
  if (!raw) {
    return empty();
  }
  try {
    const data = JSON.parse(raw);
    if (data && data.version === 1 && Array.isArray(data.series)) {
      const kept = {
        version: 1,
        recording: data.recording !== false,
        series: data.series.filter(isSeries).map(cleanSeries),
      };
      // What is older than 30 days is neither drawn nor counted in a trend.
      prune(kept);
      return kept;
    }
  } catch {
    // An unreadable record is started again.
  }
  return empty();
}

function isSeries(series) {
  return (
    series !== null &&
    typeof series === "object" &&
    typeof series.provider === "string" &&
    typeof series.fingerprint === "string" &&
    FINGERPRINT.test(series.fingerprint) &&
    typeof series.scope === "string" &&
    typeof series.unit === "string" &&
    Array.isArray(series.points)
  );
}

/** A stored series with only points that have a time and an amount (or none). */
function cleanSeries(series) {
  const points = series.points
    .filter((point) => point && Number.isFinite(point.t))
    .map((point) => ({ t: point.t, available: amount(point.available), total: amount(point.total) }))
    .filter((point) => point.available !== null)
    .sort((a, b) => a.t - b.t);
  return { ...series, points };
}

/** Writes the record; false when the browser refuses (storage full or disabled). */
export function save(data) {
  try {
    localStorage.setItem(STORAGE_KEY, JSON.stringify(data));
    return true;
  } catch {
    return false;
  }
}

export function isFingerprint(text) {
  return typeof text === "string" && FINGERPRINT.test(text);
}

function amount(value) {
  if (value === null || value === undefined || value === "") {
    return null;
  }
  const number = typeof value === "number" ? value : Number(value);
  return Number.isFinite(number) ? number : null;
}

/**
 * Adds a finished check's balances to `data` (in place) and returns whether anything was added.
 * `report` is the quotabot:report event's detail: {provider, fingerprint, checked_at, balances}.
 */
export function record(data, report) {
  const time = Date.parse(report?.checked_at ?? "");
  // The fingerprint as the server named it; either name is taken.
  const fingerprint = report?.fingerprint ?? report?.key_fingerprint;
  if (!data.recording || !Number.isFinite(time) || !isFingerprint(fingerprint)) {
    return false;
  }
  const provider = typeof report.provider === "string" ? report.provider : "";
  let added = false;
  for (const balance of Array.isArray(report.balances) ? report.balances : []) {
    if (!balance || typeof balance !== "object" || balance.unlimited === true) {
      continue;
    }
    const available = amount(balance.available);
    if (available === null) {
      continue;
    }
    const scope = typeof balance.scope === "string" ? balance.scope : "account";
    const unit = typeof balance.unit === "string" ? balance.unit : "";
    let series = data.series.find(
      (s) =>
        s.provider === provider &&
        s.fingerprint === fingerprint &&
        s.scope === scope &&
        s.unit === unit,
    );
    if (!series) {
      series = { provider, fingerprint, scope, unit, points: [] };
      data.series.push(series);
    }
    if (series.points.some((point) => point.t === time)) {
      continue;
    }
    series.points.push({ t: time, available, total: amount(balance.total) });
    series.points.sort((a, b) => a.t - b.t);
    added = true;
  }
  prune(data);
  return added;
}

/** Drops what is older than 30 days before the newest point, then what exceeds the caps. */
export function prune(data, now = Date.now()) {
  const newest = Math.max(now, ...data.series.flatMap((s) => s.points.map((p) => p.t)));
  const oldest = newest - WINDOW_MS;
  for (const series of data.series) {
    series.points = series.points
      .filter((point) => Number.isFinite(point.t) && point.t >= oldest)
      .slice(-MAX_POINTS);
  }
  data.series = data.series
    .filter((series) => series.points.length > 0)
    .sort((a, b) => last(b).t - last(a).t)
    .slice(0, MAX_SERIES);
}

export function last(series) {
  return series.points[series.points.length - 1];
}

/**
 * The trend of a series: a least-squares line through (time, available).
 * {kind: "few"} with fewer than 3 points or less than 6 hours between the first and the last;
 * {kind: "steady", perDay} when not falling; {kind: "falling", perDay, days, left} otherwise,
 * `days` being how long the latest amount lasts at that rate (0 when nothing is left).
 */
export function trend(series) {
  const points = series.points.filter((point) => point.available !== null);
  if (points.length < MIN_POINTS || points[points.length - 1].t - points[0].t < MIN_SPAN_MS) {
    return { kind: "few" };
  }
  const xs = points.map((point) => (point.t - points[0].t) / DAY_MS);
  const ys = points.map((point) => point.available);
  const meanX = xs.reduce((sum, x) => sum + x, 0) / xs.length;
  const meanY = ys.reduce((sum, y) => sum + y, 0) / ys.length;
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < xs.length; i++) {
    sxy += (xs[i] - meanX) * (ys[i] - meanY);
    sxx += (xs[i] - meanX) ** 2;
  }
  const perDay = sxx === 0 ? 0 : sxy / sxx;
  // Changes smaller than a millionth of the amount per day are noise, not a trend.
  const scale = Math.max(1, ...ys.map(Math.abs));
  if (!(perDay < -scale * 1e-6)) {
    return { kind: "steady", perDay };
  }
  const left = ys[ys.length - 1];
  return { kind: "falling", perDay, left, days: left <= 0 ? 0 : left / -perDay };
}
