/*
 * Languages: the texts live in texts/<lang>.js, one module per language; this module picks one
 * and fills the page's data-i18n nodes.
 */
import { readStorage, writeStorage } from "./dom.js";
import { renderAll } from "./main.js";
import { isMac } from "./providers.js";
import { STORAGE_LANG, els, state } from "./state.js";
import en from "./texts/en.js";
import ja from "./texts/ja.js";
import ko from "./texts/ko.js";
import zhCN from "./texts/zh-CN.js";
import zhTW from "./texts/zh-TW.js";

/**
 * Every text of the page, one module per language, keyed by the language's BCP 47 tag (also the
 * page's `lang`). The picker in index.html offers the same five, each named in itself.
 */
export const MESSAGES = { en, "zh-CN": zhCN, "zh-TW": zhTW, ja, ko };
export const LANGUAGES = Object.keys(MESSAGES);

/* ---------- language ---------- */

export function initialLanguage() {
  const saved = readStorage(STORAGE_LANG);
  if (saved === "zh") {
    return "zh-CN"; // remembered before there was more than one Chinese
  }
  if (LANGUAGES.includes(saved)) {
    return saved;
  }
  return languageFor(navigator.languages?.[0] || navigator.language || "");
}

/** The page's language closest to a browser's: Chinese by script or region, else by language. */
export function languageFor(tag) {
  const lower = tag.toLowerCase();
  if (lower.startsWith("zh")) {
    return /^zh-(hant|tw|hk|mo)\b/.test(lower) ? "zh-TW" : "zh-CN";
  }
  const base = lower.split("-")[0];
  return LANGUAGES.includes(base) ? base : "en";
}

export function locale() {
  return state.lang;
}

/** The text for a key in the current language; function entries receive the arguments. */
export function t(key, ...args) {
  const entry = MESSAGES[state.lang][key];
  return typeof entry === "function" ? entry(...args) : entry;
}

/*
 * Errors are kept as references, not strings, so they can be redrawn in the other language:
 * {key, args} for the page's own messages, {text} for a server message shown as is.
 */
export function message(key, ...args) {
  return { key, args };
}

export function resolve(ref) {
  if (!ref) {
    return "";
  }
  return ref.text !== undefined ? ref.text : t(ref.key, ...ref.args);
}

export function setLanguage(lang) {
  state.lang = lang;
  writeStorage(STORAGE_LANG, lang);
  renderAll();
}

export function applyStaticText() {
  document.documentElement.lang = locale();
  document.title = t("pageTitle");
  for (const node of document.querySelectorAll("[data-i18n]")) {
    node.textContent = t(node.dataset.i18n);
  }
  for (const node of document.querySelectorAll("[data-i18n-placeholder]")) {
    node.placeholder = t(node.dataset.i18nPlaceholder);
  }
  for (const node of document.querySelectorAll("[data-i18n-title]")) {
    node.title = t(node.dataset.i18nTitle);
  }
  for (const node of document.querySelectorAll("[data-i18n-aria-label]")) {
    node.setAttribute("aria-label", t(node.dataset.i18nAriaLabel));
  }
  els.langSelect.value = state.lang;
  els.shortcut.textContent = t("shortcut", isMac());
}
