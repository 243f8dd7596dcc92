/*
 * Providers: all the page knows of them is what GET /api/providers declares (capabilities,
 * fields, unit, default models, key hint and prefixes, probe cost). No provider is named here.
 */
import { isAmount } from "./balances.js";
import { el, writeStorage } from "./dom.js";
import { defaultModelsText, renderFieldErrors, takesAdmin, updateModelCount } from "./form.js";
import { locale, MESSAGES, t } from "./i18n.js";
import { renderButton, renderResetCountdown, renderResults } from "./results.js";
import { STORAGE_PROVIDER, UNKNOWN_PROVIDER, els, state } from "./state.js";
import { closeSuggestions, loadCatalog } from "./suggest.js";

/* ---------- providers: all the page knows of them is what the server declares ---------- */

export function providerInfo(id) {
  return state.providers.find((provider) => provider.id === id) || null;
}

/** The chosen provider, or the stand-in for the server's default while none is known. */
export function current() {
  return providerInfo(state.provider) || UNKNOWN_PROVIDER;
}

export function can(provider, capability) {
  return provider.capabilities.includes(capability);
}

export function takes(provider, field) {
  return provider.fields.includes(field);
}

/**
 * What a check of this provider does: "probe" (each model is called), "list" (the key's models are
 * listed, and looked for), "balance" (only balances are read), "account" (a provider that tells a
 * key no balance: what the key can read is shown, with the console where the rest is), or "any"
 * when the page does not know the provider and lets the server decide.
 */
export function modeOf(provider) {
  if (can(provider, "probes_models")) {
    return "probe";
  }
  if (can(provider, "lists_key_models")) {
    return "list";
  }
  if (can(provider, "balances")) {
    return "balance";
  }
  return provider.id ? "account" : "any";
}

/** A probing provider that also reads balances offers the free balance-only check. */
export function offersBalanceOnly(provider) {
  return can(provider, "probes_models") && can(provider, "balances");
}

/** Its name in the page's language when the server gives one (`names`), else its name. */
export function providerName(provider) {
  const localized = provider.names?.[locale()];
  return typeof localized === "string" && localized ? localized : provider.name;
}

/** The name of the provider the results are from ("" when the page did not know it). */
export function reportProviderName() {
  return providerName(providerInfo(state.report?.provider) || UNKNOWN_PROVIDER);
}

/** "魔粒 balance", "CNY balance", or just "balance" when the unit depends on the account. */
export function balanceName(provider) {
  return t("balanceOf", provider.unit);
}

/**
 * A provider as the page uses it, or null when the entry is unusable. Lists the server may grow
 * later (capabilities, fields) are kept as given; unknown values simply match nothing.
 */
export function wellFormedProvider(raw) {
  if (typeof raw?.id !== "string" || !raw.id || typeof raw.name !== "string") {
    return null;
  }
  const strings = (list) =>
    Array.isArray(list) ? list.filter((item) => typeof item === "string") : [];
  return {
    id: raw.id,
    name: raw.name || raw.id,
    names: raw.names !== null && typeof raw.names === "object" ? raw.names : null,
    capabilities: strings(raw.capabilities),
    fields: strings(raw.fields),
    unit: typeof raw.unit === "string" && raw.unit ? raw.unit : null,
    default_models: strings(raw.default_models),
    key_hint: typeof raw.key_hint === "string" ? raw.key_hint : "",
    resets_at: typeof raw.resets_at === "string" ? raw.resets_at : null,
    key_prefixes: strings(raw.key_prefixes).filter(Boolean),
    probe_cost: wellFormedCost(raw.probe_cost),
    console_url: typeof raw.console_url === "string" && raw.console_url ? raw.console_url : null,
  };
}

/**
 * What probing one model may cost at most ({"per_model":2,"unit":"魔粒","kind":"spends"}), or
 * null when the provider declares none, nothing (0), or an unusable entry: then no cost is shown.
 */
export function wellFormedCost(raw) {
  const perModel = raw?.per_model;
  if (
    !isAmount(perModel) ||
    perModel <= 0 ||
    typeof raw.unit !== "string" ||
    !raw.unit ||
    (raw.kind !== "spends" && raw.kind !== "counts")
  ) {
    return null;
  }
  return { per_model: perModel, unit: raw.unit, kind: raw.kind };
}

/** The address as a link target when it is http(s); null for anything else (javascript:, …). */
export function safeHttpUrl(text) {
  try {
    const url = new URL(text);
    return url.protocol === "https:" || url.protocol === "http:" ? url.href : null;
  } catch {
    return null;
  }
}

/** A message that differs per mode of a provider: {probe, list, balance, …}. */
export function modeText(key, mode, ...args) {
  const entry = MESSAGES[state.lang][key][mode];
  return typeof entry === "function" ? entry(...args) : entry;
}

export function isMac() {
  return /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent || "");
}

/* ---------- choosing the provider ---------- */

export function renderProviderOptions() {
  const options = state.providers.map((provider) => {
    const option = el("option", null, providerName(provider));
    option.value = provider.id;
    return option;
  });
  els.provider.replaceChildren(...options);
  els.provider.value = state.provider ?? "";
  els.provider.disabled = options.length === 0;
}

/**
 * Switches the form to a provider: its fields only, its labels, and its own models text (one
 * provider's model ids are not another's). The choice is remembered; nothing secret is. A switch
 * made from the key's prefix asks the server nothing (not even the model list, which waits until
 * the models field is used): nothing leaves the page before the person presses a button.
 */
export function setProvider(id, { fromKey = false } = {}) {
  const provider = providerInfo(id);
  if (!provider || id === state.provider) {
    els.provider.value = state.provider ?? "";
    return;
  }
  if (state.provider !== null) {
    state.modelDrafts.set(state.provider, els.models.value);
  }
  state.provider = id;
  writeStorage(STORAGE_PROVIDER, id);
  els.models.value = state.modelDrafts.get(id) ?? defaultModelsText(provider);
  updateModelCount();
  for (const field of Object.keys(state.fieldErrors)) {
    state.fieldErrors[field] = null;
  }
  closeSuggestions();
  renderFieldErrors();
  renderProvider();
  renderButton();
  renderResults();
  renderResetCountdown();
  if (!fromKey) {
    loadCatalog(provider);
  }
}

/** The person picked a provider themselves (the list, a remembered check): the key obeys it. */
export function chooseByHand(id) {
  state.chosenByHand = true;
  state.keyMatch = null;
  setProvider(id);
  renderKeyMatch();
}

/* ---------- the provider a key's prefix names ---------- */

/**
 * The providers that declare the longest prefix the key starts with (the server's rule, so the
 * page and the API agree): one provider, several (a shared prefix like sk-), or none.
 */
export function keyOwners(key) {
  let prefix = "";
  let owners = [];
  for (const provider of state.providers) {
    for (const declared of provider.key_prefixes) {
      if (!key.startsWith(declared) || declared.length < prefix.length) {
        continue;
      }
      if (declared.length > prefix.length) {
        prefix = declared;
        owners = [];
      }
      if (!owners.includes(provider)) {
        owners.push(provider);
      }
    }
  }
  return { prefix, owners };
}

/**
 * As a key is pasted (or typed), a prefix only one provider declares chooses that provider,
 * unless the person chose one by hand after the last paste; a prefix several declare leaves the
 * choice as it is and asks for one. Only the page changes: nothing is sent.
 */
export function onKeyInput(event) {
  if (event.inputType === "insertFromPaste" || event.inputType === "insertFromDrop") {
    state.chosenByHand = false;
  }
  const { prefix, owners } = keyOwners(els.key.value.trim());
  const ids = owners.map((provider) => provider.id);
  if (owners.length === 1 && !state.chosenByHand) {
    setProvider(ids[0], { fromKey: true });
    state.keyMatch = { kind: "chosen", prefix, ids };
  } else if (owners.length > 1 && !state.chosenByHand) {
    state.keyMatch = { kind: "ambiguous", prefix, ids };
  } else {
    state.keyMatch = null;
  }
  renderKeyMatch();
}

export function renderKeyMatch() {
  const match = state.keyMatch;
  const names = match ? match.ids.map((id) => providerName(providerInfo(id))) : [];
  els.keyProvider.textContent =
    match === null
      ? ""
      : match.kind === "chosen"
        ? t("keyProvider", names[0], match.prefix)
        : t("keyAmbiguous", match.prefix, names.join(", "));
  els.keyProvider.dataset.match = match ? match.kind : "";
}

/** Shows the fields the provider takes and words the form for what a check of it does. */
export function renderProvider() {
  const provider = current();
  const mode = modeOf(provider);
  const balance = can(provider, "balances") ? balanceName(provider) : null;
  els.provider.value = state.provider ?? "";
  els.providerHint.textContent = provider.id
    ? modeText("providerHint", mode, providerName(provider), balance)
    : "";
  els.baseUrlField.hidden = !takes(provider, "base_url");
  els.adminSection.hidden = !takesAdmin(provider);
  els.modelsField.hidden = !takes(provider, "models");
  els.resetModels.hidden = provider.default_models.length === 0;
  els.costNote.hidden = mode !== "probe";
  els.costNoteText.textContent = t("costNote", balance);
  els.balanceButton.hidden = !offersBalanceOnly(provider);
  els.balanceHint.textContent = t("balanceHint", balanceName(provider));
  // Where the key's models are listed, naming some is optional: they are looked for.
  const optional = mode === "list";
  els.modelsLabel.textContent = t(optional ? "modelsLabelOptional" : "modelsLabel");
  els.modelsHintText.textContent = t(optional ? "modelsHintOptional" : "modelsHint");
  els.models.placeholder =
    provider.default_models.length > 0
      ? provider.default_models.slice(0, 2).join("\n")
      : t("modelsPlaceholder");
  els.key.placeholder = provider.key_hint;
  els.form.dataset.provider = provider.id;
  els.form.dataset.mode = mode;
}
