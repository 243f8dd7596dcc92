/*
 * Languages: the texts live in texts/<lang>.js, one module per language; this module picks one
 * and fills the page's data-i18n nodes.
 */
import { readStorage, writeStorage } from "./dom.js";
import { renderAll } from "./main.js";
import { isMac } from "./providers.js";
import { STORAGE_LANG, els, state } from "./state.js";
import en from "./texts/en.js";
import zh from "./texts/zh-CN.js";

/** Every text of the page, one module per language. */
const MESSAGES = { en, zh };

/* ---------- language ---------- */

export function initialLanguage() {
  const saved = readStorage(STORAGE_LANG);
  if (saved === "en" || saved === "zh") {
    return saved;
  }
  const preferred = navigator.languages?.[0] || navigator.language || "";
  return /^zh\b/i.test(preferred) ? "zh" : "en";
}

export function locale() {
  return state.lang === "zh" ? "zh-CN" : "en";
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
  // The toggle names the other language in that language; tell screen readers which one.
  els.langToggle.lang = state.lang === "zh" ? "en" : "zh-CN";
  els.shortcut.textContent = t("shortcut", isMac());
}
