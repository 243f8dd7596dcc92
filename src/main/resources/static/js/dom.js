/*
 * Small DOM and storage helpers. Text is only ever written with textContent; storage is wrapped
 * because private modes and full disks make it throw.
 */
import { STATUS_STYLE, UNKNOWN_STATUS_STYLE } from "./state.js";

/* ---------- small helpers ---------- */

/** Creates an element with a class and text; text always goes through textContent. */
export function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) {
    node.className = className;
  }
  if (text !== undefined && text !== null) {
    node.textContent = text;
  }
  return node;
}

/** A non-negative whole number from the server, or null: unknown must never become 0. */
export function count(value) {
  return Number.isInteger(value) && value >= 0 ? value : null;
}

export function statusStyle(status) {
  return Object.hasOwn(STATUS_STYLE, status) ? STATUS_STYLE[status] : UNKNOWN_STATUS_STYLE;
}

/* ---------- storage: wrapped because private modes and full disks make it throw ---------- */

export function readStorage(name) {
  try {
    return window.localStorage.getItem(name);
  } catch {
    return null;
  }
}

export function writeStorage(name, value) {
  try {
    if (value === null) {
      window.localStorage.removeItem(name);
    } else {
      window.localStorage.setItem(name, value);
    }
  } catch {
    // The page works without memory; nothing to tell the user.
  }
}
