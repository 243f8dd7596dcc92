/*
 * Recent checks: model lists and relay addresses only, never keys or tokens.
 */
import { el, readStorage, writeStorage } from "./dom.js";
import { fillModels, renderFieldErrors } from "./form.js";
import { locale, t } from "./i18n.js";
import { chooseByHand, providerInfo, providerName } from "./providers.js";
import { HISTORY_LIMIT, STORAGE_HISTORY, els, state } from "./state.js";

/* ---------- history of model lists and relays (never keys or tokens) ---------- */

export function loadHistory() {
  let parsed;
  try {
    parsed = JSON.parse(readStorage(STORAGE_HISTORY) || "[]");
  } catch {
    return [];
  }
  // Storage can be edited by anyone at the keyboard: keep only well-formed entries. Entries
  // from before there were providers name none: they were the default provider's lists.
  const wellFormed = (entry) =>
    Array.isArray(entry?.models) &&
    entry.models.every((model) => typeof model === "string") &&
    (entry.provider === undefined || typeof entry.provider === "string") &&
    (entry.base_url === undefined || typeof entry.base_url === "string") &&
    (entry.models.length > 0 || typeof entry.base_url === "string");
  return Array.isArray(parsed) ? parsed.filter(wellFormed).slice(0, HISTORY_LIMIT) : [];
}

/** The provider an entry was checked with; entries from before there were providers name none. */
export function entryProvider(entry) {
  return entry.provider || state.defaultProvider;
}

export function historySignature(entry) {
  return [entryProvider(entry) || "", entry.base_url || "", ...entry.models].join("\n");
}

/**
 * Most recent first; the same check again moves to the top instead of repeating. A relay is
 * remembered with its address (not a secret) even without models; keys and tokens never are.
 */
export function rememberCheck(report) {
  const entry = { models: report.models, at: new Date().toISOString() };
  if (report.provider) {
    entry.provider = report.provider;
  }
  if (report.baseUrl) {
    entry.base_url = report.baseUrl;
  }
  const signature = historySignature(entry);
  const others = loadHistory().filter((old) => historySignature(old) !== signature);
  const entries = [entry, ...others];
  writeStorage(STORAGE_HISTORY, JSON.stringify(entries.slice(0, HISTORY_LIMIT)));
  renderHistory();
}

export function clearHistory() {
  writeStorage(STORAGE_HISTORY, null);
  renderHistory();
  els.models.focus();
}

export function renderHistory() {
  // Entries of a provider this server does not offer (now) cannot be used: they wait unseen.
  const entries = loadHistory().filter((entry) => providerInfo(entryProvider(entry)));
  els.historyList.replaceChildren(...entries.map(historyItem));
  els.historyEmpty.hidden = entries.length > 0;
  els.historyClear.hidden = entries.length === 0;
}

export function historyItem(entry) {
  const provider = entryProvider(entry);
  const button = el("button", "history-item");
  button.type = "button";
  const relay = typeof entry.base_url === "string";
  button.title = relay
    ? `${t("historyUseRelay")}:\n${[entry.base_url, ...entry.models].join("\n")}`
    : `${t("historyUse")}:\n${entry.models.join("\n")}`;
  if (relay) {
    button.append(el("span", "history-relay", entry.base_url));
  }
  // Only the ids: the organisations repeat and waste the narrow column.
  const ids = entry.models.slice(0, 2).map((model) => splitModel(model).id);
  const names = el("span", "history-models", ids.join(", "));
  if (entry.models.length === 0) {
    names.classList.add("history-all");
    names.textContent = t("historyAllModels");
  } else if (entry.models.length > 2) {
    names.append(" ", el("span", "history-more", t("historyMore", entry.models.length - 2)));
  }
  button.append(names, el("span", "history-meta", historyMeta(entry)));
  button.dataset.provider = provider;
  button.addEventListener("click", () => {
    chooseByHand(provider);
    if (relay) {
      els.baseUrl.value = entry.base_url;
    }
    fillModels(entry.models);
    state.fieldErrors.models = null;
    state.fieldErrors.baseUrl = null;
    renderFieldErrors();
    els.models.focus();
  });
  const item = el("li");
  item.append(button);
  return item;
}

/** "Qwen/Qwen3-32B" → {org: "Qwen/", id: "Qwen3-32B"}; ids without an organisation stay whole. */
export function splitModel(model) {
  const slash = model.lastIndexOf("/");
  return slash > 0 && slash < model.length - 1
    ? { org: model.slice(0, slash + 1), id: model.slice(slash + 1) }
    : { org: "", id: model };
}

export function historyMeta(entry) {
  const when = new Date(entry.at);
  const provider = entryProvider(entry);
  const parts = [];
  // The default provider's lists are the usual case: only the others say whose they are.
  if (provider !== state.defaultProvider) {
    parts.push(providerName(providerInfo(provider)));
  }
  if (entry.models.length > 0) {
    parts.push(t("historyCount", entry.models.length));
  }
  if (!Number.isNaN(when.getTime())) {
    const format = { month: "short", day: "numeric", hour: "2-digit", minute: "2-digit" };
    parts.push(when.toLocaleString(locale(), format));
  }
  return parts.join(" · ");
}
