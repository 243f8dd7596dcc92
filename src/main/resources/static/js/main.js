/*
 * quota-bot page: asks POST /api/balance/stream how much quota a key has left, per model and as the
 * balances of the key's account, and shows each answer the moment it arrives. This is the entry
 * module (<script type="module" src="/js/main.js">): it finds the elements, binds the events and
 * starts; the other modules under js/ each do one job. No build step, nothing from a CDN or npm.
 *
 * Rules every module of the page keeps:
 * - The page knows no provider by name. What it offers, which fields it shows, what the buttons
 *   say and whether a daily reset is counted down all follow from GET /api/providers: each
 *   provider's capabilities, fields, unit, default models and key hint. Texts name a provider only
 *   through that data.
 * - Everything from the server (model names, upstream errors, account names) is untrusted: it is
 *   only ever written with textContent or DOM properties. innerHTML is not used anywhere.
 * - The key and a relay's access token live in their input fields and in one request body; never in
 *   storage, never in the URL. Only the language, the provider and model lists with relay addresses
 *   are remembered.
 * - The Content-Security-Policy forbids inline style attributes, so the dynamic widths (meters and
 *   the progress bar) are set through the CSSOM (element.style.width), which CSP allows.
 * - The DOM is redrawn from `state`, so switching language redraws everything consistently.
 * - No module is over 400 lines (PageModulesTest counts them).
 */
// Where the balance is going (recorded in this browser only): listens to quotabot:report.
import "./history.js";
import { loadSettings, onBalanceOnly, onSubmit, stopCheck } from "./api.js";
import { count } from "./dom.js";
import { fillModels, renderFieldErrors, renderFormError, updateModelCount } from "./form.js";
import { applyStaticText, initialLanguage, setLanguage, t } from "./i18n.js";
import { chooseByHand, current, onKeyInput, renderKeyMatch, renderProvider, renderProviderOptions } from "./providers.js";
import { clearHistory, renderHistory } from "./recent.js";
import { onSort, renderButton, renderResetCountdown, renderResults } from "./results.js";
import { els, runtime, state } from "./state.js";
import { closeSuggestions, loadCatalog, onModelsKeydown, renderSuggestions, updateSuggestions } from "./suggest.js";

/* ---------- key visibility ---------- */

/** The key and the relay's access token: hidden by default, shown while the eye is pressed. */
export function toggleVisibility(input, toggle) {
  const show = input.type === "password";
  input.type = show ? "text" : "password";
  toggle.setAttribute("aria-pressed", String(show));
  renderKeyToggle();
  input.focus();
}

export function renderKeyToggle() {
  const toggles = [
    [els.key, els.keyToggle, "showKey", "hideKey"],
    [els.accessToken, els.tokenToggle, "showToken", "hideToken"],
  ];
  for (const [input, toggle, show, hide] of toggles) {
    const label = t(input.type === "password" ? show : hide);
    toggle.setAttribute("aria-label", label);
    toggle.title = label;
  }
}

/* ---------- what a finished check tells the rest of the page ---------- */

/**
 * After each finished check, a `quotabot:report` event on the document says what was checked and
 * what the account held: the provider, the key's fingerprint as the server shows it (never the
 * key), the time and the balances. A listener (such as a history of balances) needs nothing else.
 */
export function announceReport(report) {
  const summary = report.summary;
  const balances = Array.isArray(report.account?.balances) ? report.account.balances : [];
  const detail = {
    provider: report.provider || state.defaultProvider || null,
    key_fingerprint: typeof summary?.key_fingerprint === "string" ? summary.key_fingerprint : null,
    checked_at: typeof summary?.checked_at === "string" ? summary.checked_at : null,
    balances: balances.filter((balance) => balance !== null && typeof balance === "object"),
  };
  document.dispatchEvent(new CustomEvent("quotabot:report", { detail }));
}

/* ---------- wiring ---------- */

export function renderAll() {
  runtime.rowElements = new WeakMap(); // every row is drawn again, in the current language
  applyStaticText();
  renderProviderOptions();
  renderProvider();
  renderKeyToggle();
  updateModelCount();
  renderButton();
  renderFieldErrors();
  renderFormError();
  renderKeyMatch();
  renderHistory();
  renderResults();
  renderResetCountdown();
  state.suggest.announced = -1;
  renderSuggestions();
}

/** Ctrl+Enter (⌘+Enter on a Mac) sends from anywhere in the form, the textarea included. */
export function onFormKeydown(event) {
  if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
    event.preventDefault();
    els.form.requestSubmit();
  }
}

export function clearFieldErrorOnInput(field) {
  return () => {
    if (state.fieldErrors[field]) {
      state.fieldErrors[field] = null;
      renderFieldErrors();
    }
  };
}

export function collectElements() {
  const byId = (id) => document.getElementById(id);
  Object.assign(els, {
    form: byId("check-form"),
    provider: byId("provider"),
    providerHint: byId("provider-hint"),
    baseUrlField: byId("base-url-field"),
    baseUrl: byId("base-url"),
    baseUrlError: byId("base-url-error"),
    key: byId("api-key"),
    keyToggle: byId("key-toggle"),
    keyError: byId("api-key-error"),
    keyProvider: byId("api-key-provider"),
    adminSection: byId("admin-section"),
    userId: byId("user-id"),
    userIdError: byId("user-id-error"),
    accessToken: byId("access-token"),
    accessTokenError: byId("access-token-error"),
    tokenToggle: byId("token-toggle"),
    costNote: byId("cost-note"),
    costNoteText: byId("cost-note-text"),
    balanceHint: byId("balance-hint"),
    modelsField: byId("models-field"),
    modelsLabel: byId("models-label"),
    modelsHintText: byId("models-hint-text"),
    models: byId("models"),
    modelsCount: byId("models-count"),
    modelsError: byId("models-error"),
    resetModels: byId("reset-models"),
    checkButton: byId("check-button"),
    checkLabel: byId("check-label"),
    checkCost: byId("check-cost"),
    balanceButton: byId("balance-button"),
    balanceLabel: byId("balance-label"),
    stopButton: byId("stop-button"),
    modelsCombo: byId("models-combo"),
    suggestions: byId("model-suggestions"),
    suggestionsStatus: byId("suggestions-status"),
    shortcut: byId("shortcut"),
    formError: byId("form-error"),
    langSelect: byId("lang-select"),
    historyList: byId("history-list"),
    historyEmpty: byId("history-empty"),
    historyClear: byId("history-clear"),
    results: byId("results"),
    summary: byId("summary"),
    empty: byId("results-empty"),
    emptyText: byId("empty-text"),
    resultsTable: byId("results-table"),
    tableCaption: byId("table-caption"),
    resetCountdown: byId("reset-countdown"),
    resetText: byId("reset-text"),
    account: byId("account"),
    accountHeading: byId("account-heading"),
    accountLoadingText: byId("account-loading-text"),
    accountNote: byId("account-note"),
    accountRemark: byId("account-remark"),
    accountRemarkText: byId("account-remark-text"),
    accountUser: byId("account-user"),
    accountUserText: byId("account-user-text"),
    accountLoading: byId("account-loading"),
    accountBalances: byId("account-balances"),
    accountEstimate: byId("account-estimate"),
    accountEstimateLabel: byId("account-estimate-label"),
    accountEstimateText: byId("account-estimate-text"),
    accountConsole: byId("account-console"),
    accountError: byId("account-error"),
    accountErrorBadge: byId("account-error-badge"),
    accountErrorText: byId("account-error-text"),
    accountEmpty: byId("account-empty"),
    accountSite: byId("account-site"),
    accountSiteName: byId("account-site-name"),
    accountSiteSoftware: byId("account-site-software"),
    accountLimits: byId("account-limits"),
    accountLimitsLabel: byId("account-limits-label"),
    accountLimitsList: byId("account-limits-list"),
    accountSpend: byId("account-spend"),
    accountSpendCaption: byId("account-spend-caption"),
    accountSpendBody: byId("account-spend-body"),
    accountSpendNote: byId("account-spend-note"),
    spendColModel: byId("spend-col-model"),
    spendColAmount: byId("spend-col-amount"),
    spendColCalls: byId("spend-col-calls"),
    progress: byId("progress"),
    progressText: byId("progress-text"),
    progressBar: byId("progress-bar"),
    progressFill: byId("progress-fill"),
    tableWrap: byId("results-wrap"),
    tbody: byId("results-body"),
    sortHeaders: [...document.querySelectorAll("th[data-sort]")],
  });
}

export function bindEvents() {
  els.form.addEventListener("submit", onSubmit);
  els.form.addEventListener("keydown", onFormKeydown);
  els.keyToggle.addEventListener("click", () => toggleVisibility(els.key, els.keyToggle));
  els.tokenToggle.addEventListener("click", () =>
    toggleVisibility(els.accessToken, els.tokenToggle),
  );
  els.provider.addEventListener("change", () => chooseByHand(els.provider.value));
  els.key.addEventListener("input", clearFieldErrorOnInput("key"));
  els.key.addEventListener("input", onKeyInput);
  els.baseUrl.addEventListener("input", clearFieldErrorOnInput("baseUrl"));
  els.userId.addEventListener("input", clearFieldErrorOnInput("userId"));
  els.accessToken.addEventListener("input", clearFieldErrorOnInput("accessToken"));
  els.models.addEventListener("input", clearFieldErrorOnInput("models"));
  // "change" too: autofill and some input methods do not fire "input".
  els.models.addEventListener("input", updateModelCount);
  els.models.addEventListener("change", updateModelCount);
  els.models.addEventListener("input", updateSuggestions);
  // A provider chosen from the key has not fetched its model list yet: the field asks for it.
  els.models.addEventListener("focus", () => loadCatalog(current()));
  els.models.addEventListener("keydown", onModelsKeydown);
  els.models.addEventListener("blur", closeSuggestions);
  els.models.addEventListener("click", closeSuggestions);
  els.balanceButton.addEventListener("click", onBalanceOnly);
  els.stopButton.addEventListener("click", stopCheck);
  // Leaving the page ends the check, so the server stops its probes too.
  window.addEventListener("pagehide", stopCheck);
  els.resetModels.addEventListener("click", () => {
    fillModels(current().default_models);
    els.models.focus();
  });
  els.historyClear.addEventListener("click", clearHistory);
  els.langSelect.addEventListener("change", () => setLanguage(els.langSelect.value));
  // Real buttons inside the headers make sorting reachable with Tab and usable with Enter/Space.
  for (const th of els.sortHeaders) {
    th.querySelector("button").addEventListener("click", () => onSort(th.dataset.sort));
  }
}

export function start() {
  collectElements();
  state.lang = initialLanguage();
  bindEvents();
  renderAll();
  loadSettings();
  // Minutes are shown, but a check every few seconds keeps the text right after sleep.
  setInterval(renderResetCountdown, 5000);
}

start();
