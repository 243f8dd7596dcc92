/*
 * quota-bot page: asks POST /api/balance how much quota a key has left per model and shows it.
 *
 * Rules this file keeps:
 * - Everything from the server (model names, upstream errors) is untrusted: it is only ever written
 *   with textContent or DOM properties. innerHTML is not used anywhere.
 * - The key lives in its input field and in one request body; never in storage, never in the URL.
 * - The Content-Security-Policy forbids inline style attributes, so the one dynamic width (the
 *   meter) is set through the CSSOM (element.style.width), which CSP allows.
 * - The DOM is redrawn from `state`, so switching language redraws everything consistently.
 */
(() => {
  "use strict";

  const STORAGE_LANG = "quotabot.lang";
  const STORAGE_HISTORY = "quotabot.history";
  const HISTORY_LIMIT = 10;
  // A safety net so the button never stays disabled forever; the server has its own deadline.
  const CLIENT_TIMEOUT_MS = 120000;

  const modelsText = (n) => (n === 1 ? "1 model" : `${n} models`);

  const MESSAGES = {
    en: {
      pageTitle: "quota-bot · API key quota per model",
      skipToForm: "Skip to the form",
      tagline: "How much quota does your API key have left, per model?",
      langToggle: "中文",
      langToggleTitle: "切换到中文",
      queryHeading: "Check a key",
      keyLabel: "API key",
      keyPlaceholder: "ms-…",
      keyHint: "Used for this check only: never stored, never put in the address.",
      showKey: "Show key",
      hideKey: "Hide key",
      modelsLabel: "Models",
      modelsHint: "One per line, or separated by commas.",
      modelsPlaceholder: "Qwen/Qwen3-32B\ndeepseek-ai/DeepSeek-V3.1",
      modelCount: (n, max) => `${modelsText(n)} (max ${max})`,
      useDefaults: "Use defaults",
      costNote:
        "Each model is probed with one tiny chat request, which may count as one call against your quota.",
      check: "Check quota",
      checking: (n) => `Checking ${modelsText(n)}…`,
      checkingHint: (seconds) =>
        `All models are asked at once; each answer may take up to ${seconds} s.`,
      retryWait: (seconds) => `Try again in ${seconds} s`,
      shortcut: (mac) => `or press ${mac ? "⌘" : "Ctrl"} + Enter`,
      historyHeading: "Recent model lists",
      historyHint: "Remembered on this device only. Keys are never saved.",
      historyEmpty: "Model lists you check will appear here.",
      historyClear: "Clear",
      historyUse: "Put this list in the models field",
      historyMore: (n) => `+${n} more`,
      historyCount: modelsText,
      resultsHeading: "Results",
      tableCaption: "Quota left per model",
      emptyTitle: "No results yet",
      emptyText: "Enter your key and models, then press “Check quota”.",
      colModel: "Model",
      colStatus: "Status",
      colModelQuota: "Model quota",
      colUserQuota: "User quota",
      colQuotaSub: "remaining / limit",
      colShare: "Left",
      colLatency: "Latency",
      unknown: "unknown",
      shareOfModel: "of model limit",
      shareOfUser: "of user limit",
      shareUnknown: "share left unknown",
      checkedAt: (time) => `Checked ${time}`,
      tally: (ok, failed) => `${ok} answered · ${failed} failed`,
      status: {
        ok: "OK",
        no_quota_headers: "No quota info",
        limit_reached: "Limit reached",
        invalid_key: "Invalid key",
        model_unavailable: "Model unavailable",
        insufficient_balance: "Insufficient balance",
        upstream_error: "Upstream error",
        timeout: "Timed out",
        network_error: "Network error",
      },
      keyMissing: "Enter your API key.",
      keySpaces: "The key contains spaces or line breaks: paste only the key itself.",
      modelsMissing: "Enter at least one model, for example Qwen/Qwen3-32B.",
      modelsTooMany: (n, max) => `${n} models given, at most ${max} per check: split the list.`,
      errorNetwork: "Could not reach the server. Check your connection and try again.",
      errorTimeout: "The server did not answer in time. Try again with fewer models.",
      errorHttp: (status) =>
        `The server answered HTTP ${status} without an explanation. Try again later.`,
      errorConfig: "Could not load the default models; you can still type your own.",
      footer:
        "Your key goes to this server only for the check you ask for; it is used to call ModelScope and then forgotten.",
    },
    zh: {
      pageTitle: "quota-bot · 按模型查询 API 密钥剩余额度",
      skipToForm: "跳到表单",
      tagline: "你的 API 密钥在每个模型上还剩多少额度？",
      langToggle: "English",
      langToggleTitle: "Switch to English",
      queryHeading: "查询密钥",
      keyLabel: "API 密钥",
      keyPlaceholder: "ms-…",
      keyHint: "仅用于本次查询：不会保存，也不会出现在网址中。",
      showKey: "显示密钥",
      hideKey: "隐藏密钥",
      modelsLabel: "模型",
      modelsHint: "每行一个，或用逗号分隔。",
      modelsPlaceholder: "Qwen/Qwen3-32B\ndeepseek-ai/DeepSeek-V3.1",
      modelCount: (n, max) => `${n} 个模型（最多 ${max} 个）`,
      useDefaults: "恢复默认",
      costNote: "每个模型会用一次极小的对话请求来探测，这次请求可能会占用你一次调用额度。",
      check: "查询额度",
      checking: (n) => `正在查询 ${n} 个模型…`,
      checkingHint: (seconds) => `所有模型同时查询，每个最多约 ${seconds} 秒。`,
      retryWait: (seconds) => `${seconds} 秒后可重试`,
      shortcut: (mac) => `或按 ${mac ? "⌘" : "Ctrl"} + Enter`,
      historyHeading: "最近的模型列表",
      historyHint: "只保存在本设备上，从不保存密钥。",
      historyEmpty: "查询过的模型列表会显示在这里。",
      historyClear: "清空",
      historyUse: "把这个列表填入模型输入框",
      historyMore: (n) => `另 ${n} 个`,
      historyCount: (n) => `${n} 个模型`,
      resultsHeading: "查询结果",
      tableCaption: "各模型剩余额度",
      emptyTitle: "还没有结果",
      emptyText: "填写密钥和模型，然后点击“查询额度”。",
      colModel: "模型",
      colStatus: "状态",
      colModelQuota: "模型额度",
      colUserQuota: "用户额度",
      colQuotaSub: "剩余 / 上限",
      colShare: "剩余比例",
      colLatency: "耗时",
      unknown: "未知",
      shareOfModel: "模型额度",
      shareOfUser: "用户额度",
      shareUnknown: "剩余比例未知",
      checkedAt: (time) => `查询时间 ${time}`,
      tally: (ok, failed) => `${ok} 个成功 · ${failed} 个失败`,
      status: {
        ok: "正常",
        no_quota_headers: "无额度信息",
        limit_reached: "已达上限",
        invalid_key: "密钥无效",
        model_unavailable: "模型不可用",
        insufficient_balance: "余额不足",
        upstream_error: "上游错误",
        timeout: "超时",
        network_error: "网络错误",
      },
      keyMissing: "请输入 API 密钥。",
      keySpaces: "密钥中有空格或换行：请只粘贴密钥本身。",
      modelsMissing: "请至少输入一个模型，例如 Qwen/Qwen3-32B。",
      modelsTooMany: (n, max) => `输入了 ${n} 个模型，每次最多 ${max} 个：请拆分列表。`,
      errorNetwork: "无法连接服务器。请检查网络后重试。",
      errorTimeout: "服务器没有及时响应。请减少模型数量后重试。",
      errorHttp: (status) => `服务器返回 HTTP ${status}，但没有说明原因。请稍后重试。`,
      errorConfig: "无法加载默认模型；你仍然可以自己输入。",
      footer: "你的密钥只在你发起查询时发送到本服务器，用于调用 ModelScope，用完即丢弃。",
    },
  };

  /*
   * How each status looks (tone → badge colour) and where it sorts: working probes first, then
   * problems that pass with time, then problems the user has to fix.
   */
  const STATUS_STYLE = {
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
  const UNKNOWN_STATUS_STYLE = { tone: "muted", rank: 9 };
  // The probe worked for these (the server counts them as successes too).
  const WORKING_STATUSES = new Set(["ok", "no_quota_headers"]);

  /* Sort keys per column: a string, a number, or null for "unknown" (which always sorts last). */
  const SORT_KEYS = {
    model: (row) => (typeof row.model === "string" ? row.model : null),
    status: (row) => statusStyle(row.status).rank,
    modelQuota: (row) => count(row.model_request_remaining),
    userQuota: (row) => count(row.request_remaining),
    share: (row) => shareOf(row)?.value ?? null,
    latency: (row) => count(row.latency_ms),
  };

  const state = {
    lang: "en",
    config: { default_models: [], max_models: 50, probe_timeout_ms: 10000 },
    report: null, // the last 200 answer of /api/balance
    busy: false,
    busyCount: 0,
    sort: { key: null, ascending: true },
    fieldErrors: { key: null, models: null }, // message refs, see resolve()
    formError: null,
    retryUntil: 0,
  };

  const els = {};
  let retryTimer = null;

  /* ---------- small helpers ---------- */

  /** Creates an element with a class and text; text always goes through textContent. */
  function el(tag, className, text) {
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
  function count(value) {
    return Number.isInteger(value) && value >= 0 ? value : null;
  }

  function statusStyle(status) {
    return Object.hasOwn(STATUS_STYLE, status) ? STATUS_STYLE[status] : UNKNOWN_STATUS_STYLE;
  }

  function isMac() {
    return /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent || "");
  }

  /* ---------- storage: wrapped because private modes and full disks make it throw ---------- */

  function readStorage(name) {
    try {
      return window.localStorage.getItem(name);
    } catch {
      return null;
    }
  }

  function writeStorage(name, value) {
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

  /* ---------- language ---------- */

  function initialLanguage() {
    const saved = readStorage(STORAGE_LANG);
    if (saved === "en" || saved === "zh") {
      return saved;
    }
    const preferred = navigator.languages?.[0] || navigator.language || "";
    return /^zh\b/i.test(preferred) ? "zh" : "en";
  }

  function locale() {
    return state.lang === "zh" ? "zh-CN" : "en";
  }

  /** The text for a key in the current language; function entries receive the arguments. */
  function t(key, ...args) {
    const entry = MESSAGES[state.lang][key];
    return typeof entry === "function" ? entry(...args) : entry;
  }

  /*
   * Errors are kept as references, not strings, so they can be redrawn in the other language:
   * {key, args} for the page's own messages, {text} for a server message shown as is.
   */
  function message(key, ...args) {
    return { key, args };
  }

  function resolve(ref) {
    if (!ref) {
      return "";
    }
    return ref.text !== undefined ? ref.text : t(ref.key, ...ref.args);
  }

  function setLanguage(lang) {
    state.lang = lang;
    writeStorage(STORAGE_LANG, lang);
    renderAll();
  }

  function applyStaticText() {
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
    // The toggle names the other language in that language; tell screen readers which one.
    els.langToggle.lang = state.lang === "zh" ? "en" : "zh-CN";
    els.shortcut.textContent = t("shortcut", isMac());
  }

  /* ---------- models ---------- */

  /** The server's rules: split on commas (also full-width) and whitespace, drop duplicates. */
  function parseModels(text) {
    return [...new Set(text.split(/[,，\s]+/).filter(Boolean))];
  }

  function fillModels(list) {
    els.models.value = list.join("\n");
    updateModelCount();
  }

  function updateModelCount() {
    const n = parseModels(els.models.value).length;
    els.modelsCount.textContent = t("modelCount", n, state.config.max_models);
    els.modelsCount.classList.toggle("count-over", n > state.config.max_models);
  }

  /* ---------- history of model lists (never keys) ---------- */

  function loadHistory() {
    let parsed;
    try {
      parsed = JSON.parse(readStorage(STORAGE_HISTORY) || "[]");
    } catch {
      return [];
    }
    // Storage can be edited by anyone at the keyboard: keep only well-formed entries.
    const wellFormed = (entry) =>
      Array.isArray(entry?.models) &&
      entry.models.length > 0 &&
      entry.models.every((model) => typeof model === "string");
    return Array.isArray(parsed) ? parsed.filter(wellFormed).slice(0, HISTORY_LIMIT) : [];
  }

  /** Most recent first; the same list checked again moves to the top instead of repeating. */
  function rememberModels(list) {
    const signature = list.join("\n");
    const others = loadHistory().filter((entry) => entry.models.join("\n") !== signature);
    const entries = [{ models: list, at: new Date().toISOString() }, ...others];
    writeStorage(STORAGE_HISTORY, JSON.stringify(entries.slice(0, HISTORY_LIMIT)));
    renderHistory();
  }

  function clearHistory() {
    writeStorage(STORAGE_HISTORY, null);
    renderHistory();
    els.models.focus();
  }

  function renderHistory() {
    const entries = loadHistory();
    els.historyList.replaceChildren(...entries.map(historyItem));
    els.historyEmpty.hidden = entries.length > 0;
    els.historyClear.hidden = entries.length === 0;
  }

  function historyItem(entry) {
    const button = el("button", "history-item");
    button.type = "button";
    button.title = `${t("historyUse")}:\n${entry.models.join("\n")}`;
    // Only the ids: the organisations repeat and waste the narrow column.
    const ids = entry.models.slice(0, 2).map((model) => splitModel(model).id);
    const names = el("span", "history-models", ids.join(", "));
    if (entry.models.length > 2) {
      names.append(" ", el("span", "history-more", t("historyMore", entry.models.length - 2)));
    }
    button.append(names, el("span", "history-meta", historyMeta(entry)));
    button.addEventListener("click", () => {
      fillModels(entry.models);
      state.fieldErrors.models = null;
      renderFieldErrors();
      els.models.focus();
    });
    const item = el("li");
    item.append(button);
    return item;
  }

  /** "Qwen/Qwen3-32B" → {org: "Qwen/", id: "Qwen3-32B"}; ids without an organisation stay whole. */
  function splitModel(model) {
    const slash = model.lastIndexOf("/");
    return slash > 0 && slash < model.length - 1
      ? { org: model.slice(0, slash + 1), id: model.slice(slash + 1) }
      : { org: "", id: model };
  }

  function historyMeta(entry) {
    const when = new Date(entry.at);
    const size = t("historyCount", entry.models.length);
    if (Number.isNaN(when.getTime())) {
      return size;
    }
    const format = { month: "short", day: "numeric", hour: "2-digit", minute: "2-digit" };
    return `${size} · ${when.toLocaleString(locale(), format)}`;
  }

  /* ---------- validation and errors ---------- */

  /** Mirrors the server's checks loosely, so common mistakes are explained without a round trip. */
  function validate() {
    const key = els.key.value.trim();
    const list = parseModels(els.models.value);
    const max = state.config.max_models;
    state.fieldErrors.key = !key
      ? message("keyMissing")
      : /\s/.test(key)
        ? message("keySpaces")
        : null;
    state.fieldErrors.models =
      list.length === 0
        ? message("modelsMissing")
        : list.length > max
          ? message("modelsTooMany", list.length, max)
          : null;
    renderFieldErrors();
    updateModelCount();
    if (state.fieldErrors.key) {
      els.key.focus();
      return null;
    }
    if (state.fieldErrors.models) {
      els.models.focus();
      return null;
    }
    return { key, models: list };
  }

  function renderFieldErrors() {
    showFieldError(els.key, els.keyError, state.fieldErrors.key);
    showFieldError(els.models, els.modelsError, state.fieldErrors.models);
  }

  function showFieldError(input, output, ref) {
    output.textContent = resolve(ref);
    output.hidden = !ref;
    if (ref) {
      input.setAttribute("aria-invalid", "true");
    } else {
      input.removeAttribute("aria-invalid");
    }
  }

  function renderFormError() {
    els.formError.textContent = resolve(state.formError);
    els.formError.hidden = !state.formError;
  }

  /* ---------- talking to the server ---------- */

  async function loadConfig() {
    try {
      const response = await fetch("/api/config", {
        headers: { Accept: "application/json" },
        cache: "no-store",
      });
      if (!response.ok) {
        throw new Error(`HTTP ${response.status}`);
      }
      applyConfig(await response.json());
    } catch {
      state.formError = message("errorConfig");
      renderFormError();
    }
  }

  function applyConfig(config) {
    if (Array.isArray(config?.default_models)) {
      state.config.default_models = config.default_models.filter((m) => typeof m === "string");
    }
    if (count(config?.max_models)) {
      state.config.max_models = config.max_models;
    }
    if (count(config?.probe_timeout_ms)) {
      state.config.probe_timeout_ms = config.probe_timeout_ms;
    }
    // Pre-fill only if the person has not started typing while the config was loading.
    if (!els.models.value.trim()) {
      fillModels(state.config.default_models);
    }
    updateModelCount();
  }

  /** Resolves to {status, body, retryAfter}; rejects only when no HTTP answer arrived at all. */
  async function postBalance(query) {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), CLIENT_TIMEOUT_MS);
    try {
      const response = await fetch("/api/balance", {
        method: "POST",
        headers: { "Content-Type": "application/json", Accept: "application/json" },
        body: JSON.stringify({ models: query.models, api_key: query.key }),
        cache: "no-store",
        credentials: "same-origin",
        signal: controller.signal,
      });
      // A proxy in front of the server may answer with an HTML page: treat it as "no message".
      const body = await response.json().catch(() => null);
      return { status: response.status, body, retryAfter: response.headers.get("Retry-After") };
    } finally {
      clearTimeout(timer);
    }
  }

  async function onSubmit(event) {
    // form-action 'none' forbids native submission: the page always handles it here.
    event.preventDefault();
    if (state.busy || retrySecondsLeft() > 0) {
      return;
    }
    const query = validate();
    if (!query) {
      return;
    }
    state.formError = null;
    renderFormError();
    setBusy(true, query.models.length);
    try {
      handleAnswer(await postBalance(query), query.models);
    } catch (failure) {
      state.formError = message(failure?.name === "AbortError" ? "errorTimeout" : "errorNetwork");
    } finally {
      setBusy(false, 0);
      renderFormError();
    }
  }

  function handleAnswer(answer, list) {
    const body = answer.body;
    if (answer.status === 200 && Array.isArray(body?.data)) {
      state.report = body;
      state.sort = { key: null, ascending: true };
      rememberModels(list);
      return;
    }
    // The server's message says what to fix: show it as is.
    state.formError =
      typeof body?.message === "string" && body.message
        ? { text: body.message }
        : message("errorHttp", answer.status);
    if (answer.status === 429) {
      startRetryCountdown(answer.retryAfter);
    }
  }

  /* ---------- busy and rate-limited states of the button ---------- */

  function setBusy(busy, n) {
    state.busy = busy;
    state.busyCount = n;
    renderButton();
    renderResults();
  }

  function retrySecondsLeft() {
    return Math.max(0, Math.ceil((state.retryUntil - Date.now()) / 1000));
  }

  /** After a 429 the button counts down the server's Retry-After instead of inviting a retry. */
  function startRetryCountdown(header) {
    const seconds = Number.parseInt(header, 10);
    if (!(seconds > 0)) {
      return;
    }
    state.retryUntil = Date.now() + seconds * 1000;
    clearInterval(retryTimer);
    retryTimer = setInterval(() => {
      if (retrySecondsLeft() === 0) {
        clearInterval(retryTimer);
      }
      renderButton();
    }, 1000);
    renderButton();
  }

  function renderButton() {
    const wait = retrySecondsLeft();
    els.checkButton.disabled = state.busy || wait > 0;
    els.checkButton.classList.toggle("is-busy", state.busy);
    els.checkLabel.textContent = state.busy
      ? t("checking", state.busyCount)
      : wait > 0
        ? t("retryWait", wait)
        : t("check");
  }

  /* ---------- results ---------- */

  function renderResults() {
    const rows = state.report ? state.report.data : [];
    els.results.setAttribute("aria-busy", String(state.busy));
    els.loading.hidden = !state.busy;
    els.empty.hidden = state.busy || rows.length > 0;
    els.tableWrap.hidden = state.busy || rows.length === 0;
    if (state.busy) {
      els.loadingTitle.textContent = t("checking", state.busyCount);
      const seconds = Math.ceil(state.config.probe_timeout_ms / 1000);
      els.loadingText.textContent = t("checkingHint", seconds);
    }
    renderSummary();
    renderSortHeaders();
    els.tbody.replaceChildren(...sortedRows(rows).map(resultRow));
  }

  /** The summary is a live region: it stays in the page (empty when idle) so changes are read out. */
  function renderSummary() {
    const report = state.report;
    els.summary.replaceChildren();
    els.summary.className = "summary";
    if (!report || state.busy) {
      return;
    }
    const working = report.data.filter((row) => WORKING_STATUSES.has(row.status)).length;
    els.summary.classList.add(report.success ? "summary-good" : "summary-warn");
    if (typeof report.message === "string") {
      els.summary.append(el("span", "summary-message", report.message));
    }
    els.summary.append(
      el("span", "summary-tally", t("tally", working, report.data.length - working)),
    );
    const checked = new Date(report.checked_at);
    if (!Number.isNaN(checked.getTime())) {
      const time = el("time", "summary-time", t("checkedAt", checked.toLocaleString(locale())));
      time.dateTime = checked.toISOString();
      els.summary.append(time);
    }
  }

  /** The rows in the chosen order; ties (and no choice) keep the order the models were asked in. */
  function sortedRows(rows) {
    const key = SORT_KEYS[state.sort.key];
    if (!key) {
      return rows;
    }
    const direction = state.sort.ascending ? 1 : -1;
    return rows
      .map((row, index) => ({ row, index, value: key(row) }))
      .sort((a, b) => compareValues(a.value, b.value, direction) || a.index - b.index)
      .map((entry) => entry.row);
  }

  /** Unknown goes last in both directions: "unknown" is neither small nor large. */
  function compareValues(a, b, direction) {
    if (a === null || b === null) {
      return a === b ? 0 : a === null ? 1 : -1;
    }
    if (typeof a === "string") {
      return direction * a.localeCompare(b, locale(), { numeric: true, sensitivity: "base" });
    }
    return direction * (a - b);
  }

  function onSort(column) {
    state.sort =
      state.sort.key === column
        ? { key: column, ascending: !state.sort.ascending }
        : { key: column, ascending: true };
    renderResults();
  }

  function renderSortHeaders() {
    for (const th of els.sortHeaders) {
      if (th.dataset.sort === state.sort.key) {
        th.setAttribute("aria-sort", state.sort.ascending ? "ascending" : "descending");
      } else {
        th.removeAttribute("aria-sort");
      }
    }
  }

  function resultRow(row) {
    const tr = el("tr");
    tr.dataset.status = String(row.status);
    tr.append(
      modelCell(row),
      statusCell(row),
      quotaCell("colModelQuota", row.model_request_remaining, row.model_request_limit),
      quotaCell("colUserQuota", row.request_remaining, row.request_limit),
      shareCell(row),
      latencyCell(row.latency_ms),
    );
    return tr;
  }

  /** A cell that knows its column name, shown as a label when rows become cards on phones. */
  function cell(className, labelKey) {
    const td = el("td", className);
    td.dataset.label = t(labelKey);
    return td;
  }

  function modelCell(row) {
    const td = cell("cell-model", "colModel");
    const { org, id } = splitModel(String(row.model));
    const name = el("span", "model-name");
    // Organisation and id on two lines; the textContent is still the whole model id.
    if (org) {
      name.append(el("span", "model-org", org));
    }
    name.append(el("span", "model-id", id));
    td.append(name);
    return td;
  }

  function statusCell(row) {
    const td = cell("cell-status", "colStatus");
    const status = String(row.status);
    const labels = MESSAGES[state.lang].status;
    const label = Object.hasOwn(labels, status) ? labels[status] : status;
    td.append(el("span", `badge badge-${statusStyle(status).tone}`, label));
    // The server explains failures in `error` and unknown numbers in `note`.
    const detail = row.error || row.note;
    if (typeof detail === "string") {
      td.append(el("p", row.error ? "detail detail-error" : "detail", detail));
    }
    return td;
  }

  function quotaCell(labelKey, remaining, limit) {
    const td = cell("cell-num cell-quota", labelKey);
    td.append(
      numberOrUnknown("quota-remaining", count(remaining)),
      el("span", "quota-sep", " / "),
      numberOrUnknown("quota-limit", count(limit)),
    );
    return td;
  }

  function numberOrUnknown(className, value) {
    return value === null
      ? el("span", `${className} unknown`, t("unknown"))
      : el("span", className, value.toLocaleString(locale()));
  }

  /** Share left: of the model's own limit when known, otherwise of the user's overall limit. */
  function shareOf(row) {
    const model = ratio(row.model_request_remaining, row.model_request_limit);
    if (model !== null) {
      return { value: model, basis: "model" };
    }
    const user = ratio(row.request_remaining, row.request_limit);
    return user === null ? null : { value: user, basis: "user" };
  }

  function ratio(remaining, limit) {
    const r = count(remaining);
    const l = count(limit);
    return r === null || l === null || l === 0 ? null : Math.min(1, r / l);
  }

  function shareCell(row) {
    const td = cell("cell-share", "colShare");
    const share = shareOf(row);
    const meter = el("div", "meter");
    const fill = el("div", "meter-fill");
    meter.append(fill);
    td.append(meter);
    if (!share) {
      meter.classList.add("meter-unknown");
      meter.setAttribute("role", "img");
      meter.setAttribute("aria-label", t("shareUnknown"));
      td.append(el("span", "share-text unknown", t("unknown")));
      return td;
    }
    const percent = Math.round(share.value * 100);
    const basis = t(share.basis === "model" ? "shareOfModel" : "shareOfUser");
    meter.setAttribute("role", "meter");
    meter.setAttribute("aria-valuemin", "0");
    meter.setAttribute("aria-valuemax", "100");
    meter.setAttribute("aria-valuenow", String(percent));
    meter.setAttribute("aria-label", `${percent}% ${basis}`);
    meter.classList.add(meterTone(share.value));
    // Through the CSSOM, not a style attribute: the CSP (style-src 'self') allows only this.
    fill.style.width = `${share.value * 100}%`;
    const text = el("span", "share-text");
    text.append(el("span", "share-percent", `${percent}%`), el("span", "share-basis", basis));
    td.append(text);
    return td;
  }

  function meterTone(share) {
    if (share >= 0.5) {
      return "meter-good";
    }
    return share >= 0.2 ? "meter-warn" : "meter-bad";
  }

  function latencyCell(latency) {
    const td = cell("cell-num cell-latency", "colLatency");
    const ms = count(latency);
    td.textContent = ms === null ? "—" : `${ms.toLocaleString(locale())} ms`;
    return td;
  }

  /* ---------- key visibility ---------- */

  function toggleKeyVisibility() {
    const show = els.key.type === "password";
    els.key.type = show ? "text" : "password";
    els.keyToggle.setAttribute("aria-pressed", String(show));
    renderKeyToggle();
    els.key.focus();
  }

  function renderKeyToggle() {
    const label = t(els.key.type === "password" ? "showKey" : "hideKey");
    els.keyToggle.setAttribute("aria-label", label);
    els.keyToggle.title = label;
  }

  /* ---------- wiring ---------- */

  function renderAll() {
    applyStaticText();
    renderKeyToggle();
    updateModelCount();
    renderButton();
    renderFieldErrors();
    renderFormError();
    renderHistory();
    renderResults();
  }

  /** Ctrl+Enter (⌘+Enter on a Mac) sends from anywhere in the form, the textarea included. */
  function onFormKeydown(event) {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      els.form.requestSubmit();
    }
  }

  function clearFieldErrorOnInput(field) {
    return () => {
      if (state.fieldErrors[field]) {
        state.fieldErrors[field] = null;
        renderFieldErrors();
      }
    };
  }

  function collectElements() {
    const byId = (id) => document.getElementById(id);
    Object.assign(els, {
      form: byId("check-form"),
      key: byId("api-key"),
      keyToggle: byId("key-toggle"),
      keyError: byId("api-key-error"),
      models: byId("models"),
      modelsCount: byId("models-count"),
      modelsError: byId("models-error"),
      resetModels: byId("reset-models"),
      checkButton: byId("check-button"),
      checkLabel: byId("check-label"),
      shortcut: byId("shortcut"),
      formError: byId("form-error"),
      langToggle: byId("lang-toggle"),
      historyList: byId("history-list"),
      historyEmpty: byId("history-empty"),
      historyClear: byId("history-clear"),
      results: byId("results"),
      summary: byId("summary"),
      empty: byId("results-empty"),
      loading: byId("results-loading"),
      loadingTitle: byId("loading-title"),
      loadingText: byId("loading-text"),
      tableWrap: byId("results-wrap"),
      tbody: byId("results-body"),
      sortHeaders: [...document.querySelectorAll("th[data-sort]")],
    });
  }

  function bindEvents() {
    els.form.addEventListener("submit", onSubmit);
    els.form.addEventListener("keydown", onFormKeydown);
    els.keyToggle.addEventListener("click", toggleKeyVisibility);
    els.key.addEventListener("input", clearFieldErrorOnInput("key"));
    els.models.addEventListener("input", clearFieldErrorOnInput("models"));
    // "change" too: autofill and some input methods do not fire "input".
    els.models.addEventListener("input", updateModelCount);
    els.models.addEventListener("change", updateModelCount);
    els.resetModels.addEventListener("click", () => {
      fillModels(state.config.default_models);
      els.models.focus();
    });
    els.historyClear.addEventListener("click", clearHistory);
    els.langToggle.addEventListener("click", () => setLanguage(state.lang === "zh" ? "en" : "zh"));
    // Real buttons inside the headers make sorting reachable with Tab and usable with Enter/Space.
    for (const th of els.sortHeaders) {
      th.querySelector("button").addEventListener("click", () => onSort(th.dataset.sort));
    }
  }

  function start() {
    collectElements();
    state.lang = initialLanguage();
    bindEvents();
    renderAll();
    loadConfig();
  }

  start();
})();
