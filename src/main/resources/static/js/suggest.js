/*
 * Model suggestions in the models field (a combobox) from GET /api/models.
 */
import { el } from "./dom.js";
import { parseModels, updateModelCount } from "./form.js";
import { t } from "./i18n.js";
import { clearFieldErrorOnInput, start } from "./main.js";
import { can } from "./providers.js";
import { SUGGESTION_LIMIT, els, state } from "./state.js";

/* ---------- model suggestions (combobox) ---------- */

/**
 * The model ids a provider with a model list offers, fetched once per provider; without them the
 * field simply offers nothing.
 */
export async function loadCatalog(provider) {
  if (!can(provider, "model_catalog") || state.catalogs.has(provider.id)) {
    return;
  }
  state.catalogs.set(provider.id, []); // asked once, even if the answer never comes
  try {
    const response = await fetch(`/api/models?provider=${encodeURIComponent(provider.id)}`, {
      headers: { Accept: "application/json" },
      cache: "no-store",
    });
    const body = response.ok ? await response.json() : null;
    if (Array.isArray(body?.models)) {
      const ids = body.models.filter((id) => typeof id === "string" && id.length <= 200);
      state.catalogs.set(provider.id, ids);
      // Someone may already be typing: offer what matches right away.
      if (document.activeElement === els.models && state.provider === provider.id) {
        updateSuggestions();
      }
    }
  } catch {
    // Suggestions are a convenience: no list, no suggestions, no message.
  }
}

/** The chosen provider's model ids; none for a provider without a list. */
export function catalog() {
  return state.catalogs.get(state.provider) || [];
}

/**
 * The word the caret is in: from the last separator before the caret to the next one after it.
 * Null when text is selected (the person is not typing a word then).
 */
export function tokenAtCaret() {
  const area = els.models;
  if (area.selectionStart !== area.selectionEnd) {
    return null;
  }
  const text = area.value;
  const caret = area.selectionStart;
  let start = caret;
  const separator = state.config.separator;
  while (start > 0 && !separator.test(text[start - 1])) {
    start -= 1;
  }
  let end = caret;
  while (end < text.length && !separator.test(text[end])) {
    end += 1;
  }
  return { start, end, prefix: text.slice(start, caret) };
}

/**
 * Ids that match the typed prefix, best first: ids starting with it, then ids whose name after
 * the organisation starts with it, then ids containing it. Ids already in the list elsewhere and
 * the very id typed are left out.
 */
export function suggestionsFor(token) {
  const needle = token.prefix.toLowerCase();
  const ids = catalog();
  if (!needle || ids.length === 0) {
    return [];
  }
  const text = els.models.value;
  const others = new Set(
    parseModels(text.slice(0, token.start) + " " + text.slice(token.end)).map((id) =>
      id.toLowerCase(),
    ),
  );
  const ranked = [];
  ids.forEach((id, order) => {
    const lower = id.toLowerCase();
    if (lower === needle || others.has(lower)) {
      return;
    }
    const slash = lower.indexOf("/");
    const at = lower.indexOf(needle);
    if (at < 0) {
      return;
    }
    const rank = at === 0 ? 0 : lower.startsWith(needle, slash + 1) ? 1 : 2;
    const match = rank === 1 ? slash + 1 : at;
    ranked.push({ id, rank, order, match, length: needle.length });
  });
  return ranked.sort((a, b) => a.rank - b.rank || a.order - b.order).slice(0, SUGGESTION_LIMIT);
}

export function updateSuggestions() {
  // Only a provider with a model list has ids to offer; catalog() is empty for the others.
  const token = catalog().length > 0 ? tokenAtCaret() : null;
  state.suggest.items = token ? suggestionsFor(token) : [];
  state.suggest.active = -1;
  renderSuggestions();
}

export function closeSuggestions() {
  if (state.suggest.items.length > 0) {
    state.suggest.items = [];
    state.suggest.active = -1;
    renderSuggestions();
  }
}

export function moveSuggestion(step) {
  const n = state.suggest.items.length;
  const from = state.suggest.active;
  state.suggest.active = from < 0 ? (step > 0 ? 0 : n - 1) : (from + step + n) % n;
  renderSuggestions();
}

/** Replaces the word at the caret with the chosen id; a new line follows at the end of the text. */
export function acceptSuggestion(index) {
  const item = state.suggest.items[index];
  const token = tokenAtCaret();
  if (!item || !token) {
    closeSuggestions();
    return;
  }
  const area = els.models;
  area.setRangeText(item.id, token.start, token.end, "end");
  if (area.selectionEnd === area.value.length) {
    area.setRangeText("\n", area.value.length, area.value.length, "end");
  }
  closeSuggestions();
  clearFieldErrorOnInput("models")();
  updateModelCount();
  area.focus();
}

export function renderSuggestions() {
  const { items, active } = state.suggest;
  const open = items.length > 0;
  els.suggestions.hidden = !open;
  els.modelsCombo.setAttribute("aria-expanded", String(open));
  els.suggestions.replaceChildren(...items.map(suggestionOption));
  if (open && active >= 0) {
    els.models.setAttribute("aria-activedescendant", `suggestion-${active}`);
    els.suggestions.children[active].scrollIntoView({ block: "nearest" });
  } else {
    els.models.removeAttribute("aria-activedescendant");
  }
  // Announce how many there are when that changes, not on every keystroke.
  if (items.length !== state.suggest.announced) {
    state.suggest.announced = items.length;
    els.suggestionsStatus.textContent = open ? t("suggestionsCount", items.length) : "";
  }
}

export function suggestionOption(item, index) {
  const option = el("li", "suggestion");
  option.id = `suggestion-${index}`;
  option.setAttribute("role", "option");
  const selected = index === state.suggest.active;
  option.setAttribute("aria-selected", String(selected));
  option.classList.toggle("is-active", selected);
  // The matched part is marked; every piece is text.
  const end = item.match + item.length;
  option.append(
    item.id.slice(0, item.match),
    el("mark", null, item.id.slice(item.match, end)),
    item.id.slice(end),
  );
  // mousedown would take the focus from the text box (and close the list) before the click.
  option.addEventListener("mousedown", (event) => event.preventDefault());
  option.addEventListener("click", () => acceptSuggestion(index));
  return option;
}

/** ↑/↓ choose, Enter or Tab insert, Escape closes; caret moves close the list too. */
export function onModelsKeydown(event) {
  const open = state.suggest.items.length > 0;
  if (!open || event.ctrlKey || event.metaKey || event.altKey || event.isComposing) {
    return;
  }
  switch (event.key) {
    case "ArrowDown":
    case "ArrowUp":
      event.preventDefault();
      moveSuggestion(event.key === "ArrowDown" ? 1 : -1);
      break;
    case "Enter":
      if (state.suggest.active >= 0) {
        event.preventDefault();
        acceptSuggestion(state.suggest.active);
      } else {
        closeSuggestions(); // Enter alone still starts a new line
      }
      break;
    case "Tab":
      if (!event.shiftKey) {
        event.preventDefault();
        acceptSuggestion(Math.max(0, state.suggest.active));
      }
      break;
    case "Escape":
      event.preventDefault();
      event.stopPropagation();
      closeSuggestions();
      break;
    case "ArrowLeft":
    case "ArrowRight":
    case "Home":
    case "End":
    case "PageUp":
    case "PageDown":
      closeSuggestions();
      break;
    default:
      break;
  }
}
