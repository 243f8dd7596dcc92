/*
 * Talking to the server: settings and providers, then POST /api/balance/stream read line by
 * line (NDJSON) into the report.
 */
import { announceReport } from "./main.js";
import { count, readStorage } from "./dom.js";
import { defaultModelsText, renderFormError, requestBody, updateModelCount, validate } from "./form.js";
import { message } from "./i18n.js";
import { current, providerInfo, renderProvider, renderProviderOptions, wellFormedProvider } from "./providers.js";
import { rememberCheck, renderHistory } from "./recent.js";
import { isBusy, rememberReset, renderButton, renderResetCountdown, renderResults, retrySecondsLeft, setBusy, startRetryCountdown } from "./results.js";
import { CLIENT_TIMEOUT_MS, STORAGE_PROVIDER, els, runtime, state } from "./state.js";
import { closeSuggestions, loadCatalog } from "./suggest.js";

/* ---------- talking to the server ---------- */

export async function getJson(path) {
  const response = await fetch(path, {
    headers: { Accept: "application/json" },
    cache: "no-store",
  });
  if (!response.ok) {
    throw new Error(`HTTP ${response.status}`);
  }
  return response.json();
}

/**
 * The providers (GET /api/providers) and the limits (GET /api/config). Without the providers the
 * form stays the server default's (a key and models, sent without a provider id) and says so.
 */
export async function loadSettings() {
  const [providers, config] = await Promise.allSettled([
    getJson("/api/providers"),
    getJson("/api/config"),
  ]);
  if (config.status === "fulfilled" && count(config.value?.max_models)) {
    state.config.max_models = config.value.max_models;
  }
  if (config.status === "fulfilled" && typeof config.value?.model_separator === "string") {
    try {
      state.config.separator = new RegExp(config.value.model_separator, "u");
    } catch {
      // A class this browser cannot read: whitespace still separates.
    }
  }
  const usable = providers.status === "fulfilled" && applyProviders(providers.value);
  if (!usable) {
    state.formError = message("errorConfig");
    renderFormError();
  }
  updateModelCount();
  els.form.dataset.ready = "true";
}

/** Takes the server's providers; false when it named none the page can use. */
export function applyProviders(body) {
  const providers = Array.isArray(body?.providers)
    ? body.providers.map(wellFormedProvider).filter(Boolean)
    : [];
  if (providers.length === 0) {
    return false;
  }
  state.providers = providers;
  state.defaultProvider = providerInfo(body.default) ? body.default : providers[0].id;
  for (const provider of providers) {
    rememberReset(provider.id, provider.resets_at);
  }
  // What was typed while the providers were loading is the default provider's list; an empty
  // field gets the default provider's proposed models.
  const typed = els.models.value;
  const defaults = providerInfo(state.defaultProvider);
  state.modelDrafts.set(
    state.defaultProvider,
    typed.trim() ? typed : defaultModelsText(defaults),
  );
  // The last provider chosen on this device, if this server offers it.
  const saved = readStorage(STORAGE_PROVIDER);
  const chosen = saved && providerInfo(saved) ? saved : state.defaultProvider;
  state.provider = chosen;
  els.models.value = state.modelDrafts.get(chosen) ?? defaultModelsText(providerInfo(chosen));
  renderProviderOptions();
  renderProvider();
  renderButton();
  renderHistory();
  renderResults();
  renderResetCountdown();
  loadCatalog(current());
  return true;
}

/**
 * Starts a check: the models' quotas and the balance, or (balanceOnly) just the balance. Rows
 * appear pending at once and fill in as their lines arrive; a check still running is aborted.
 */
export async function runCheck(query) {
  if (abortActiveCheck() && state.report) {
    endEarly(state.report, "stopped"); // what it left behind must not stay "checking…"
  }
  const check = { controller: new AbortController(), stopped: false, timedOut: false };
  runtime.activeCheck = check;
  const timer = setTimeout(() => {
    check.timedOut = true;
    check.controller.abort();
  }, CLIENT_TIMEOUT_MS);
  const previous = state.report;
  const report = newReport(query);
  state.report = report;
  state.sort = { key: null, ascending: true };
  state.formError = null;
  renderFormError();
  setBusy(query.viaBalanceButton ? "balance" : "models");
  let answered = false;
  try {
    const response = await fetch("/api/balance/stream", {
      method: "POST",
      headers: {
        "Content-Type": "application/json",
        Accept: "application/x-ndjson, application/json",
      },
      body: JSON.stringify(requestBody(query)),
      cache: "no-store",
      credentials: "same-origin",
      signal: check.controller.signal,
    });
    answered = true;
    if (!isNdjson(response)) {
      // Refused before streaming (400/413/415/429…): the earlier results stay.
      const body = await response.json().catch(() => null);
      if (runtime.activeCheck === check) {
        state.report = previous;
        showRefusal(response.status, body, response.headers.get("Retry-After"));
      }
      return;
    }
    await readLines(response.body, (line) => {
      if (runtime.activeCheck === check) {
        onLine(report, line);
      }
    });
    if (runtime.activeCheck === check && !report.summary) {
      endEarly(report, "lost");
      state.formError = report.failure || message("errorStreamEnded");
    }
  } catch (failure) {
    if (runtime.activeCheck !== check) {
      return; // superseded by a newer check, which owns the page now
    }
    if (!answered && !check.stopped) {
      state.report = previous;
    } else {
      endEarly(report, check.stopped ? "stopped" : "lost");
    }
    if (!check.stopped) {
      const aborted = failure?.name === "AbortError";
      state.formError = message(aborted && check.timedOut ? "errorTimeout" : "errorNetwork");
    }
  } finally {
    clearTimeout(timer);
    if (runtime.activeCheck === check) {
      runtime.activeCheck = null;
      setBusy(null);
      renderFormError();
    }
  }
}

export function newReport(query) {
  return {
    provider: query.provider,
    mode: query.mode,
    baseUrl: query.baseUrl,
    // Asked for no model in particular, a provider lists the models the key may use as they come.
    growing: query.mode !== "balance" && query.mode !== "account" && query.models.length === 0,
    models: query.models,
    rows: query.models.map((model) => ({ model, local: "pending" })),
    account: null,
    summary: null,
    ended: null, // "stopped" or "lost" when the stream ended before its summary
    failure: null, // the server's message when it gave up after the stream had started
  };
}

/** Aborts the check in flight, if any, without touching the page; true if there was one. */
export function abortActiveCheck() {
  if (!runtime.activeCheck) {
    return false;
  }
  const check = runtime.activeCheck;
  runtime.activeCheck = null;
  check.controller.abort();
  return true;
}

export function stopCheck() {
  if (runtime.activeCheck) {
    runtime.activeCheck.stopped = true;
    runtime.activeCheck.controller.abort();
  }
}

export function isNdjson(response) {
  const type = response.headers.get("Content-Type") || "";
  return response.ok && response.body !== null && /^application\/x-ndjson\b/i.test(type);
}

/**
 * Reads newline-delimited JSON: chunks may end mid-line (even mid-character, which the streaming
 * TextDecoder keeps for the next chunk), so only complete lines are parsed. A line that is not
 * JSON is skipped rather than ending the whole check.
 */
export async function readLines(body, onLineRead) {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  const flush = (final) => {
    let newline = buffer.indexOf("\n");
    while (newline >= 0) {
      parseLine(buffer.slice(0, newline), onLineRead);
      buffer = buffer.slice(newline + 1);
      newline = buffer.indexOf("\n");
    }
    if (final) {
      parseLine(buffer, onLineRead);
      buffer = "";
    }
  };
  for (;;) {
    const { value, done } = await reader.read();
    if (done) {
      buffer += decoder.decode();
      flush(true);
      return;
    }
    buffer += decoder.decode(value, { stream: true });
    flush(false);
  }
}

export function parseLine(text, onLineRead) {
  if (!text.trim()) {
    return;
  }
  let line;
  try {
    line = JSON.parse(text);
  } catch {
    return;
  }
  if (line !== null && typeof line === "object") {
    onLineRead(line);
  }
}

export function onLine(report, line) {
  switch (line.type) {
    case "ping":
      return;
    case "account":
      report.account = line;
      break;
    case "model":
      placeRow(report, line);
      break;
    case "summary":
      report.summary = line;
      rememberReset(report.provider, line.resets_at);
      // A model list or a relay's address is worth offering again; a bare balance check is not.
      if (report.models.length > 0 || report.baseUrl) {
        rememberCheck(report);
      }
      renderResetCountdown();
      announceReport(report);
      break;
    default:
      // The server's last words when the query itself failed: {"success":false,"message":…}.
      if (line.success === false && typeof line.message === "string" && line.message) {
        report.failure = { text: line.message };
      }
      return;
  }
  renderResults();
}

/** Puts a finished model where it was asked (`index`); by name if the index does not fit. */
export function placeRow(report, line) {
  const row = { ...line };
  delete row.type;
  delete row.index;
  if (report.growing) {
    report.rows.push(row);
    return;
  }
  let index = Number.isInteger(line.index) ? line.index : -1;
  if (report.rows[index]?.model !== line.model) {
    index = report.rows.findIndex((row) => row.local === "pending" && row.model === line.model);
  }
  if (index < 0) {
    return;
  }
  report.rows[index] = row;
}

/** Rows still pending when the stream ended become stopped or lost; none stays "checking…". */
export function endEarly(report, how) {
  report.ended = how;
  report.rows = report.rows.map((row) =>
    row.local === "pending" ? { ...row, local: how } : row,
  );
}

export function showRefusal(status, body, retryAfter) {
  // The server's message says what to fix: show it as is.
  state.formError =
    typeof body?.message === "string" && body.message
      ? { text: body.message }
      : message("errorHttp", status);
  if (status === 429) {
    startRetryCountdown(retryAfter);
  }
}

export function onSubmit(event) {
  // form-action 'none' forbids native submission: the page always handles it here.
  event.preventDefault();
  // A check already running is replaced by this one (Ctrl+Enter while busy asks again).
  startCheck(false);
}

export function onBalanceOnly() {
  if (!isBusy()) {
    startCheck(true);
  }
}

export function startCheck(balanceOnly) {
  if (retrySecondsLeft() > 0) {
    return;
  }
  closeSuggestions();
  const query = validate(balanceOnly);
  if (query) {
    void runCheck(query);
  }
}
