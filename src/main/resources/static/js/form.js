/*
 * The form: the models field, what a check may cost, validation and the request body.
 */
import { count } from "./dom.js";
import { locale, message, MESSAGES, resolve, t } from "./i18n.js";
import { current, modeOf, offersBalanceOnly, takes } from "./providers.js";
import { els, state } from "./state.js";

/* ---------- models ---------- */

/** The server's rules: split on commas (also full-width) and whitespace, drop duplicates. */
export function parseModels(text) {
  const separators = new RegExp(`${state.config.separator.source}+`, "u");
  return [...new Set(text.split(separators).filter(Boolean))];
}

export function fillModels(list) {
  els.models.value = list.join("\n");
  updateModelCount();
}

/** The provider's proposed models, one per line. */
export function defaultModelsText(provider) {
  return provider.default_models.join("\n");
}

export function updateModelCount() {
  const n = parseModels(els.models.value).length;
  els.modelsCount.textContent = t("modelCount", n, state.config.max_models);
  els.modelsCount.classList.toggle("count-over", state.config.max_models !== null && n > state.config.max_models);
  renderCost(n);
}

/* ---------- what the check may cost, said before anything is sent ---------- */

/**
 * Beside the check button: the most this check may cost, the provider's probe_cost times the
 * models in the field ("Costs at most 10 魔粒 (5 models × 2)", "Uses 5 requests of your rate
 * limits"). Nothing for a provider that declares no cost, or when no model would be probed (the
 * balance-only check is free). The button is described by it only while it is shown.
 */
export function renderCost(models) {
  const provider = current();
  const cost = provider.probe_cost;
  const shown =
    cost !== null && modeOf(provider) === "probe" && takes(provider, "models") && models > 0;
  els.checkCost.hidden = !shown;
  els.checkCost.textContent = shown ? costText(cost, models) : "";
  els.checkCost.dataset.kind = shown ? cost.kind : "";
  if (shown) {
    els.checkButton.setAttribute("aria-describedby", "check-cost");
  } else {
    els.checkButton.removeAttribute("aria-describedby");
  }
}

export function costText(cost, models) {
  const total = cost.per_model * models;
  const each = formatNumber(cost.per_model);
  if (cost.kind === "spends") {
    return t("costSpends", formatNumber(total), cost.unit, models, each);
  }
  const units = MESSAGES[state.lang].costUnits;
  const unit = Object.hasOwn(units, cost.unit) ? units[cost.unit](total) : cost.unit;
  const amount = t("costAmount", formatNumber(total), unit);
  return t("costCounts", amount, models, each, cost.per_model !== 1);
}

/** A number as people read it here: grouped, up to 4 decimals (0.5, 1,234.5). */
export function formatNumber(value) {
  return value.toLocaleString(locale(), { maximumFractionDigits: 4 });
}

/* ---------- validation and errors ---------- */

/**
 * Mirrors the server's checks loosely, so common mistakes are explained without a round trip. The
 * fields checked are the ones the provider takes: models are required where each is probed
 * (except for the balance-only check), optional where the key's models are listed; an address
 * where the provider needs one; the admin fields go together or not at all. The first field in
 * error takes the focus.
 */
export function validate(balanceOnly) {
  const provider = current();
  const mode = modeOf(provider);
  const key = els.key.value.trim();
  const onlyBalance = mode === "balance" || (balanceOnly && offersBalanceOnly(provider));
  const list = onlyBalance || !takes(provider, "models") ? [] : parseModels(els.models.value);
  const max = state.config.max_models;
  const errors = state.fieldErrors;
  errors.key = !key ? message("keyMissing") : /\s/.test(key) ? message("keySpaces") : null;
  errors.models =
    max !== null && list.length > max
      ? message("modelsTooMany", list.length, max)
      : mode === "probe" && !onlyBalance && list.length === 0
        ? message("modelsMissing", provider.default_models[0] || null)
        : null;
  const needsAddress = takes(provider, "base_url");
  const baseUrl = needsAddress ? els.baseUrl.value.trim() : "";
  errors.baseUrl = !needsAddress
    ? null
    : !baseUrl
      ? message("baseUrlMissing")
      : !/^https?:\/\/[^\s/]+/i.test(baseUrl)
        ? message("baseUrlInvalid")
        : null;
  const admin = takesAdmin(provider);
  const userId = admin ? els.userId.value.trim() : "";
  const accessToken = admin ? els.accessToken.value.trim() : "";
  errors.userId =
    !userId && accessToken
      ? message("userIdMissing")
      : userId && !/^\d+$/.test(userId)
        ? message("userIdInvalid")
        : null;
  errors.accessToken =
    userId && !accessToken
      ? message("tokenMissing")
      : /\s/.test(accessToken)
        ? message("tokenSpaces")
        : null;
  renderFieldErrors();
  updateModelCount();
  const order = [
    ["baseUrl", els.baseUrl],
    ["key", els.key],
    ["models", els.models],
    ["userId", els.userId],
    ["accessToken", els.accessToken],
  ];
  const first = order.find(([field]) => errors[field]);
  if (first) {
    if (first[0] === "userId" || first[0] === "accessToken") {
      els.adminSection.open = true;
    }
    first[1].focus();
    return null;
  }
  return {
    provider: provider.id,
    mode: onlyBalance ? "balance" : mode,
    key,
    models: list,
    viaBalanceButton: balanceOnly && offersBalanceOnly(provider),
    baseUrl: needsAddress ? baseUrl : null,
    userId: userId || null,
    accessToken: accessToken || null,
  };
}

/** The admin user id and access token: a provider takes both or neither. */
export function takesAdmin(provider) {
  return takes(provider, "user_id") && takes(provider, "access_token");
}

/**
 * The request body: the provider's id (none while the page does not know the providers: the
 * server's default answers) and the fields this check fills in.
 */
export function requestBody(query) {
  const body = { api_key: query.key };
  if (query.provider) {
    body.provider = query.provider;
  }
  if (query.baseUrl !== null) {
    body.base_url = query.baseUrl;
  }
  if (query.models.length > 0) {
    body.models = query.models;
  }
  if (query.userId && query.accessToken) {
    body.user_id = query.userId;
    body.access_token = query.accessToken;
  }
  return body;
}

export function renderFieldErrors() {
  showFieldError(els.key, els.keyError, state.fieldErrors.key);
  showFieldError(els.models, els.modelsError, state.fieldErrors.models);
  showFieldError(els.baseUrl, els.baseUrlError, state.fieldErrors.baseUrl);
  showFieldError(els.userId, els.userIdError, state.fieldErrors.userId);
  showFieldError(els.accessToken, els.accessTokenError, state.fieldErrors.accessToken);
}

export function showFieldError(input, output, ref) {
  output.textContent = resolve(ref);
  output.hidden = !ref;
  if (ref) {
    input.setAttribute("aria-invalid", "true");
  } else {
    input.removeAttribute("aria-invalid");
  }
}

export function renderFormError() {
  els.formError.textContent = resolve(state.formError);
  els.formError.hidden = !state.formError;
}
