/*
 * The page's constants and its one mutable state: the DOM is redrawn from `state`.
 */
import { shareOf } from "./cells.js";
import { count, statusStyle } from "./dom.js";

export const STORAGE_LANG = "quotabot.lang";
export const STORAGE_HISTORY = "quotabot.history";
export const STORAGE_PROVIDER = "quotabot.provider";
/*
 * Until /api/providers answers (or if it cannot be read) the form stands for "the server's default
 * provider", whatever it is: a key and optional models, sent without a provider id.
 */
export const UNKNOWN_PROVIDER = Object.freeze({
  id: "",
  name: "",
  capabilities: [],
  fields: ["api_key", "models"],
  unit: null,
  default_models: [],
  key_hint: "",
  key_prefixes: [],
  probe_cost: null,
  console_url: null,
});
export const HISTORY_LIMIT = 10;
// A safety net so the button never stays disabled forever; the server has its own deadline.
export const CLIENT_TIMEOUT_MS = 120000;
export const SUGGESTION_LIMIT = 8;
/*
 * What separates model ids is the server's rule: GET /api/config gives its character class
 * (model_separator). Until it answers, only whitespace separates (never a guess at the rest).
 */
export const WHITESPACE = "\\s";

/*
 * How each status looks (tone → badge colour) and where it sorts: working probes first, then
 * problems that pass with time, then problems the user has to fix.
 */
export const STATUS_STYLE = {
  ok: { tone: "good", rank: 0 },
  no_quota_headers: { tone: "info", rank: 1 },
  limit_reached: { tone: "warn", rank: 2 },
  timeout: { tone: "warn", rank: 3 },
  network_error: { tone: "warn", rank: 4 },
  insufficient_balance: { tone: "bad", rank: 5 },
  upstream_error: { tone: "bad", rank: 6 },
  model_unavailable: { tone: "muted", rank: 7 },
  invalid_key: { tone: "bad", rank: 8 },
};
// A status added to the server later still gets a neutral badge showing its raw name.
export const UNKNOWN_STATUS_STYLE = { tone: "muted", rank: 9 };
/*
 * Rows the page knows only locally: still waiting for their line, stopped by the person, or lost
 * when the connection ended early. Their label and explanation are the page's own texts.
 */
export const LOCAL_STYLE = {
  pending: { tone: "muted", rank: 12, label: "pending" },
  stopped: { tone: "muted", rank: 10, label: "stopped", detail: "stoppedDetail" },
  lost: { tone: "warn", rank: 11, label: "lost", detail: "lostDetail" },
};

/* Sort keys per column: a string, a number, or null for "unknown" (which always sorts last). */
export const SORT_KEYS = {
  model: (row) => (typeof row.model === "string" ? row.model : null),
  status: (row) => (row.local ? LOCAL_STYLE[row.local].rank : statusStyle(row.status).rank),
  modelQuota: (row) => count(row.model_request_remaining),
  userQuota: (row) => count(row.request_remaining),
  share: (row) => shareOf(row)?.value ?? null,
  latency: (row) => count(row.latency_ms),
};

export const state = {
  lang: "en",
  // From GET /api/config: null until the server has said (the server checks the limit anyway).
  config: { max_models: null, separator: new RegExp(WHITESPACE, "u") },
  providers: [], // from GET /api/providers, each checked by wellFormedProvider()
  defaultProvider: null, // the id a query without one asks (the server's "default")
  provider: null, // the chosen provider's id; null until the providers are known
  modelDrafts: new Map(), // provider id → the models text typed for it, kept across switches
  /*
   * What the results show, built line by line from the stream:
   * {provider, mode, models, rows: [server row | {model, local}], account, summary,
   * ended, failure}.
   */
  report: null,
  busyKind: null, // "models" or "balance": which button is working; null when idle
  sort: { key: null, ascending: true },
  // message refs, see resolve()
  fieldErrors: { key: null, models: null, baseUrl: null, userId: null, accessToken: null },
  formError: null,
  retryUntil: 0,
  catalogs: new Map(), // provider id → its model ids from /api/models, for suggestions
  resets: new Map(), // provider id → {at, wallClock}: the next daily reset the server named
  suggest: { items: [], active: -1, announced: -1 },
  /*
   * What the key's prefix says about its provider: null, or {kind: "chosen" | "ambiguous",
   * prefix, ids}. Worked out in the page from the declared key_prefixes; nothing is sent.
   */
  keyMatch: null,
  // True once the person picks a provider themselves; a new paste of a key clears it.
  chosenByHand: false,
};

export const els = {};
/** What changes while the page runs and is not drawn: imports cannot be reassigned, so they live here. */
export const runtime = {
  retryTimer: null,
  activeCheck: null, // {controller, stopped, timedOut} of the check in flight
  rowElements: new WeakMap(), // row → its <tr>, drawn in the current language
};
