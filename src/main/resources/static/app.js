/*
 * quota-bot page: asks POST /api/balance/stream how much quota a key has left, per model and as the
 * account's 魔粒 balance, and shows each answer the moment it arrives.
 *
 * Rules this file keeps:
 * - Everything from the server (model names, upstream errors, account names) is untrusted: it is
 *   only ever written with textContent or DOM properties. innerHTML is not used anywhere.
 * - The key lives in its input field and in one request body; never in storage, never in the URL.
 * - The Content-Security-Policy forbids inline style attributes, so the dynamic widths (meters and
 *   the progress bar) are set through the CSSOM (element.style.width), which CSP allows.
 * - The DOM is redrawn from `state`, so switching language redraws everything consistently.
 */
(() => {
  "use strict";

  const STORAGE_LANG = "quotabot.lang";
  const STORAGE_HISTORY = "quotabot.history";
  const HISTORY_LIMIT = 10;
  // A safety net so the button never stays disabled forever; the server has its own deadline.
  const CLIENT_TIMEOUT_MS = 120000;
  // ModelScope's daily quota resets at 00:00 in Asia/Shanghai (UTC+8, no daylight saving).
  const RESET_OFFSET_MS = 8 * 3600 * 1000;
  const DAY_MS = 24 * 3600 * 1000;
  const SUGGESTION_LIMIT = 8;
  // What separates model ids in the models field (the server also splits on these).
  const SEPARATOR = /[,，\s]/;

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
      suggestionsLabel: "Model suggestions",
      suggestionsCount: (n) =>
        `${n === 1 ? "1 suggestion" : `${n} suggestions`}: ↑ and ↓ to choose, Enter or Tab to insert.`,
      costNote:
        "Each model is probed with one tiny chat request, which may count as one call against your quota. Reading the 魔粒 balance is free.",
      check: "Check quota",
      checking: (n) => `Checking ${modelsText(n)}…`,
      balanceOnly: "Check balance only (free)",
      balanceHint: "Reads only the 魔粒 balance of the key’s account; no model is probed.",
      readingBalance: "Reading balance…",
      stop: "Stop",
      progress: (done, total) => `${done} of ${modelsText(total)} answered`,
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
      emptyText: "Enter your key and models, then press “Check quota”, or check only the balance.",
      accountHeading: "魔粒 balance",
      accountLoading: "Reading the 魔粒 balance…",
      accountAvailable: "available",
      accountTotal: "Total",
      accountFrozen: "Frozen",
      accountUser: (name) => `Account: ${name}`,
      accountNote:
        "魔粒 (Magicube points) are what ModelScope API-Inference spends from your account. When ModelScope does not report a model’s quota (shown as unknown), this balance is your real budget.",
      accountFailed: "The balance could not be read.",
      accountNotRead: "The balance was not read: the check was stopped first.",
      resetIn: (hours, minutes) =>
        hours > 0
          ? `Daily quota resets in ${hours} h ${minutes} min`
          : `Daily quota resets in ${minutes} min`,
      resetSoon: "Daily quota resets in under a minute",
      resetTitle: (local) => `ModelScope resets daily quotas at 00:00 Beijing time (UTC+8): ${local} for you.`,
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
      summaryStopped: (done, total) => `Stopped: ${done} of ${modelsText(total)} answered.`,
      pending: "Checking…",
      stopped: "Stopped",
      stoppedDetail: "Stopped before ModelScope answered.",
      lost: "No answer",
      lostDetail: "The connection ended before this model’s result arrived.",
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
      errorStreamEnded:
        "The connection to the server ended before every result arrived. Try again.",
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
      suggestionsLabel: "模型建议",
      suggestionsCount: (n) => `${n} 个建议：用 ↑ ↓ 选择，按 Enter 或 Tab 填入。`,
      costNote:
        "每个模型会用一次极小的对话请求来探测，这次请求可能会占用你一次调用额度。读取魔粒余额是免费的。",
      check: "查询额度",
      checking: (n) => `正在查询 ${n} 个模型…`,
      balanceOnly: "仅查询余额（免费）",
      balanceHint: "只读取该密钥所属账户的魔粒余额，不探测任何模型。",
      readingBalance: "正在查询余额…",
      stop: "停止",
      progress: (done, total) => `已完成 ${done}/${total} 个模型`,
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
      emptyText: "填写密钥和模型，然后点击“查询额度”，或只查询余额。",
      accountHeading: "魔粒余额",
      accountLoading: "正在读取魔粒余额…",
      accountAvailable: "可用",
      accountTotal: "总额",
      accountFrozen: "冻结",
      accountUser: (name) => `账户：${name}`,
      accountNote:
        "魔粒是 ModelScope API-Inference 从你的账户中扣除的额度。当 ModelScope 没有报告某个模型的额度（显示为未知）时，这个余额才是你真正的预算。",
      accountFailed: "无法读取余额。",
      accountNotRead: "未读取余额：查询已先被停止。",
      resetIn: (hours, minutes) =>
        hours > 0 ? `每日额度 ${hours} 小时 ${minutes} 分钟后重置` : `每日额度 ${minutes} 分钟后重置`,
      resetSoon: "每日额度不到 1 分钟后重置",
      resetTitle: (local) => `ModelScope 每天北京时间 00:00（UTC+8）重置每日额度，即你的本地时间 ${local}。`,
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
      summaryStopped: (done, total) => `已停止：${done}/${total} 个模型已返回结果。`,
      pending: "查询中…",
      stopped: "已停止",
      stoppedDetail: "在 ModelScope 回答前已停止。",
      lost: "无结果",
      lostDetail: "连接在该模型的结果返回前中断。",
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
      errorStreamEnded: "与服务器的连接在全部结果返回前中断。请重试。",
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
  /*
   * Rows the page knows only locally: still waiting for their line, stopped by the person, or lost
   * when the connection ended early. Their label and explanation are the page's own texts.
   */
  const LOCAL_STYLE = {
    pending: { tone: "muted", rank: 12, label: "pending" },
    stopped: { tone: "muted", rank: 10, label: "stopped", detail: "stoppedDetail" },
    lost: { tone: "warn", rank: 11, label: "lost", detail: "lostDetail" },
  };

  /* Sort keys per column: a string, a number, or null for "unknown" (which always sorts last). */
  const SORT_KEYS = {
    model: (row) => (typeof row.model === "string" ? row.model : null),
    status: (row) => (row.local ? LOCAL_STYLE[row.local].rank : statusStyle(row.status).rank),
    modelQuota: (row) => count(row.model_request_remaining),
    userQuota: (row) => count(row.request_remaining),
    share: (row) => shareOf(row)?.value ?? null,
    latency: (row) => count(row.latency_ms),
  };

  const state = {
    lang: "en",
    config: { default_models: [], max_models: 50, probe_timeout_ms: 10000 },
    /*
     * What the results show, built line by line from the stream:
     * {balanceOnly, models, rows: [server row | {model, local}], account, summary, ended, failure}.
     */
    report: null,
    busy: false,
    busyKind: null, // "models" or "balance": which button is working
    sort: { key: null, ascending: true },
    fieldErrors: { key: null, models: null }, // message refs, see resolve()
    formError: null,
    retryUntil: 0,
    resetsAt: null, // a Date from the server's resets_at, when it gave one
    catalog: [], // ModelScope's model ids from /api/models, for suggestions
    suggest: { items: [], active: -1, announced: -1 },
  };

  const els = {};
  let retryTimer = null;
  let activeCheck = null; // {controller, stopped, timedOut} of the check in flight
  let rowElements = new WeakMap(); // row → its <tr>, drawn in the current language

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
    for (const node of document.querySelectorAll("[data-i18n-aria-label]")) {
      node.setAttribute("aria-label", t(node.dataset.i18nAriaLabel));
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

  /**
   * Mirrors the server's checks loosely, so common mistakes are explained without a round trip. The
   * balance-only check needs no models at all.
   */
  function validate(balanceOnly) {
    const key = els.key.value.trim();
    const list = balanceOnly ? [] : parseModels(els.models.value);
    const max = state.config.max_models;
    state.fieldErrors.key = !key
      ? message("keyMissing")
      : /\s/.test(key)
        ? message("keySpaces")
        : null;
    state.fieldErrors.models = balanceOnly
      ? null
      : list.length === 0
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
    return { key, models: list, balanceOnly };
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

  /**
   * Starts a check: the models' quotas and the balance, or (balanceOnly) just the balance. Rows
   * appear pending at once and fill in as their lines arrive; a check still running is aborted.
   */
  async function runCheck(query) {
    if (abortActiveCheck() && state.report) {
      endEarly(state.report, "stopped"); // what it left behind must not stay "checking…"
    }
    const check = { controller: new AbortController(), stopped: false, timedOut: false };
    activeCheck = check;
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
    setBusy(query.balanceOnly ? "balance" : "models");
    let answered = false;
    try {
      const response = await fetch("/api/balance/stream", {
        method: "POST",
        headers: {
          "Content-Type": "application/json",
          Accept: "application/x-ndjson, application/json",
        },
        body: JSON.stringify({ models: query.models, api_key: query.key }),
        cache: "no-store",
        credentials: "same-origin",
        signal: check.controller.signal,
      });
      answered = true;
      if (!isNdjson(response)) {
        // Refused before streaming (400/413/415/429…): the earlier results stay.
        const body = await response.json().catch(() => null);
        if (activeCheck === check) {
          state.report = previous;
          showRefusal(response.status, body, response.headers.get("Retry-After"));
        }
        return;
      }
      await readLines(response.body, (line) => {
        if (activeCheck === check) {
          onLine(report, line);
        }
      });
      if (activeCheck === check && !report.summary) {
        endEarly(report, "lost");
        state.formError = report.failure || message("errorStreamEnded");
      }
    } catch (failure) {
      if (activeCheck !== check) {
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
      if (activeCheck === check) {
        activeCheck = null;
        setBusy(null);
        renderFormError();
      }
    }
  }

  function newReport(query) {
    return {
      balanceOnly: query.balanceOnly,
      models: query.models,
      rows: query.models.map((model) => ({ model, local: "pending" })),
      account: null,
      summary: null,
      ended: null, // "stopped" or "lost" when the stream ended before its summary
      failure: null, // the server's message when it gave up after the stream had started
    };
  }

  /** Aborts the check in flight, if any, without touching the page; true if there was one. */
  function abortActiveCheck() {
    if (!activeCheck) {
      return false;
    }
    const check = activeCheck;
    activeCheck = null;
    check.controller.abort();
    return true;
  }

  function stopCheck() {
    if (activeCheck) {
      activeCheck.stopped = true;
      activeCheck.controller.abort();
    }
  }

  function isNdjson(response) {
    const type = response.headers.get("Content-Type") || "";
    return response.ok && response.body !== null && /^application\/x-ndjson\b/i.test(type);
  }

  /**
   * Reads newline-delimited JSON: chunks may end mid-line (even mid-character, which the streaming
   * TextDecoder keeps for the next chunk), so only complete lines are parsed. A line that is not
   * JSON is skipped rather than ending the whole check.
   */
  async function readLines(body, onLineRead) {
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

  function parseLine(text, onLineRead) {
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

  function onLine(report, line) {
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
        setResetsAt(line.resets_at);
        if (!report.balanceOnly) {
          rememberModels(report.models);
        }
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
  function placeRow(report, line) {
    let index = Number.isInteger(line.index) ? line.index : -1;
    if (report.rows[index]?.model !== line.model) {
      index = report.rows.findIndex((row) => row.local === "pending" && row.model === line.model);
    }
    if (index < 0) {
      return;
    }
    const row = { ...line };
    delete row.type;
    delete row.index;
    report.rows[index] = row;
  }

  /** Rows still pending when the stream ended become stopped or lost; none stays "checking…". */
  function endEarly(report, how) {
    report.ended = how;
    report.rows = report.rows.map((row) => (row.local === "pending" ? { ...row, local: how } : row));
  }

  function showRefusal(status, body, retryAfter) {
    // The server's message says what to fix: show it as is.
    state.formError =
      typeof body?.message === "string" && body.message
        ? { text: body.message }
        : message("errorHttp", status);
    if (status === 429) {
      startRetryCountdown(retryAfter);
    }
  }

  function onSubmit(event) {
    // form-action 'none' forbids native submission: the page always handles it here.
    event.preventDefault();
    if (retrySecondsLeft() > 0) {
      return;
    }
    closeSuggestions();
    const query = validate(false);
    if (query) {
      // A check already running is replaced by this one (Ctrl+Enter while busy asks again).
      void runCheck(query);
    }
  }

  function onBalanceOnly() {
    if (state.busy || retrySecondsLeft() > 0) {
      return;
    }
    closeSuggestions();
    const query = validate(true);
    if (query) {
      void runCheck(query);
    }
  }

  /* ---------- busy and rate-limited states of the buttons ---------- */

  function setBusy(kind) {
    state.busy = kind !== null;
    state.busyKind = kind;
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
    const checking = state.busyKind === "models";
    const reading = state.busyKind === "balance";
    els.checkButton.disabled = state.busy || wait > 0;
    els.checkButton.classList.toggle("is-busy", checking);
    els.checkLabel.textContent = checking
      ? t("checking", state.report.rows.length)
      : wait > 0
        ? t("retryWait", wait)
        : t("check");
    els.balanceButton.disabled = state.busy || wait > 0;
    els.balanceButton.classList.toggle("is-busy", reading);
    els.balanceLabel.textContent = reading ? t("readingBalance") : t("balanceOnly");
    els.stopButton.hidden = !state.busy;
    els.shortcut.hidden = state.busy; // Stop takes its place while a check runs
  }

  /* ---------- results ---------- */

  function renderResults() {
    const report = state.report;
    const rows = report ? report.rows : [];
    els.results.setAttribute("aria-busy", String(state.busy));
    els.empty.hidden = report !== null;
    els.tableWrap.hidden = rows.length === 0;
    renderAccount();
    renderProgress();
    renderSummary();
    renderSortHeaders();
    renderRows(rows);
  }

  /**
   * Draws the rows in order, reusing the element of every row that has not changed: while lines
   * arrive only the new rows are built, so nothing else flickers, loses its selection or restarts.
   */
  function renderRows(rows) {
    const elements = sortedRows(rows).map((row) => {
      let tr = rowElements.get(row);
      if (!tr) {
        tr = resultRow(row);
        if (state.busy && !row.local) {
          // A row that just arrived lights up once, so the eye finds it.
          tr.classList.add("row-arrived");
          tr.addEventListener("animationend", () => tr.classList.remove("row-arrived"), {
            once: true,
          });
        }
        rowElements.set(row, tr);
      }
      return tr;
    });
    const current = els.tbody.children;
    const unchanged =
      elements.length === current.length && elements.every((tr, i) => current[i] === tr);
    if (!unchanged) {
      els.tbody.replaceChildren(...elements);
    }
  }

  /** While models are being checked: how many have answered, as text and as a bar. */
  function renderProgress() {
    const report = state.report;
    const show = state.busy && report !== null && report.rows.length > 0;
    els.progress.hidden = !show;
    if (!show) {
      return;
    }
    const total = report.rows.length;
    const done = report.rows.filter((row) => !row.local).length;
    els.progressText.textContent = t("progress", done, total);
    els.progressBar.setAttribute("aria-valuemax", String(total));
    els.progressBar.setAttribute("aria-valuenow", String(done));
    // Through the CSSOM, like the meters: the CSP allows no style attribute.
    els.progressFill.style.width = `${(done / total) * 100}%`;
  }

  /** The summary is a live region: it stays in the page (empty when idle) so changes are read out. */
  function renderSummary() {
    const report = state.report;
    els.summary.replaceChildren();
    els.summary.className = "summary";
    if (!report || state.busy || (!report.summary && !report.ended)) {
      return;
    }
    const rows = report.rows;
    const working = rows.filter((row) => WORKING_STATUSES.has(row.status)).length;
    const summary = report.summary;
    els.summary.classList.add(summary?.success ? "summary-good" : "summary-warn");
    if (typeof summary?.message === "string") {
      els.summary.append(el("span", "summary-message", summary.message));
    } else if (report.ended === "stopped" && rows.length > 0) {
      const done = rows.filter((row) => !row.local).length;
      els.summary.append(el("span", "summary-message", t("summaryStopped", done, rows.length)));
    }
    if (rows.length > 0) {
      const failed = rows.filter((row) => !row.local).length - working;
      els.summary.append(el("span", "summary-tally", t("tally", working, failed)));
    }
    const checked = new Date(summary?.checked_at);
    if (!Number.isNaN(checked.getTime())) {
      const time = el("time", "summary-time", t("checkedAt", checked.toLocaleString(locale())));
      time.dateTime = checked.toISOString();
      els.summary.append(time);
    }
  }

  /* ---------- the account's 魔粒 balance ---------- */

  function renderAccount() {
    const report = state.report;
    els.account.hidden = report === null;
    if (report === null) {
      return;
    }
    const account = report.account;
    const loading = account === null && state.busy;
    const known = account !== null && account.status === "ok";
    els.accountLoading.hidden = !loading;
    els.accountFigures.hidden = !known;
    els.accountError.hidden = loading || known;
    els.account.dataset.state = loading ? "loading" : known ? "ok" : "error";
    const user = known && typeof account.user === "string" && account.user ? account.user : null;
    els.accountUser.hidden = user === null;
    els.accountUserText.textContent = user === null ? "" : t("accountUser", user);
    if (known) {
      const unit = typeof account.unit === "string" && account.unit ? account.unit : "魔粒";
      writeAmount(els.accountAvailable, account.available_balance);
      els.accountUnit.textContent = unit;
      writeAmount(els.accountTotal, account.total_balance);
      writeAmount(els.accountFrozen, account.frozen_amount);
    } else if (!loading) {
      renderAccountError(account);
    }
  }

  function renderAccountError(account) {
    if (account === null) {
      els.accountErrorBadge.hidden = true;
      els.accountErrorText.textContent = t("accountNotRead");
      return;
    }
    const status = String(account.status);
    const labels = MESSAGES[state.lang].status;
    els.accountErrorBadge.hidden = false;
    els.accountErrorBadge.className = `badge badge-${statusStyle(status).tone}`;
    els.accountErrorBadge.textContent = Object.hasOwn(labels, status) ? labels[status] : status;
    els.accountErrorText.textContent =
      typeof account.error === "string" && account.error ? account.error : t("accountFailed");
  }

  /** An amount of 魔粒 (may have decimals); anything that is not a finite number is unknown. */
  function writeAmount(node, value) {
    const known = typeof value === "number" && Number.isFinite(value);
    node.classList.toggle("unknown", !known);
    node.textContent = known
      ? value.toLocaleString(locale(), { maximumFractionDigits: 4 })
      : t("unknown");
  }

  /* ---------- countdown to the daily reset ---------- */

  function setResetsAt(text) {
    const when = new Date(typeof text === "string" ? text : NaN);
    if (!Number.isNaN(when.getTime())) {
      state.resetsAt = when;
      renderResetCountdown();
    }
  }

  /** The server's resets_at while it is ahead; otherwise the next 00:00 in UTC+8, counted here. */
  function nextReset(now) {
    if (state.resetsAt && state.resetsAt.getTime() > now) {
      return state.resetsAt;
    }
    const shifted = now + RESET_OFFSET_MS;
    return new Date((Math.floor(shifted / DAY_MS) + 1) * DAY_MS - RESET_OFFSET_MS);
  }

  function renderResetCountdown() {
    const now = Date.now();
    const reset = nextReset(now);
    const left = reset.getTime() - now;
    const minutes = Math.ceil(left / 60000); // "in 1 min" until it is under a minute
    const text =
      left < 60000 ? t("resetSoon") : t("resetIn", Math.floor(minutes / 60), minutes % 60);
    if (els.resetText.textContent !== text) {
      els.resetText.textContent = text;
    }
    const iso = reset.toISOString();
    if (els.resetText.dateTime !== iso || els.resetText.dataset.lang !== state.lang) {
      els.resetText.dateTime = iso;
      els.resetText.dataset.lang = state.lang;
      const local = reset.toLocaleString(locale(), {
        weekday: "short",
        hour: "2-digit",
        minute: "2-digit",
      });
      els.resetCountdown.title = t("resetTitle", local);
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
    if (row.local === "pending") {
      return pendingRow(tr, row);
    }
    tr.dataset.status = row.local || String(row.status);
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

  /** A model still being checked: a spinner, and placeholders where its numbers will be. */
  function pendingRow(tr, row) {
    tr.dataset.status = "pending";
    tr.className = "row-pending";
    tr.setAttribute("aria-busy", "true");
    const status = cell("cell-status", "colStatus");
    const checking = el("span", "pending-label");
    checking.append(el("span", "spinner spinner-small"), el("span", null, t("pending")));
    checking.firstChild.setAttribute("aria-hidden", "true");
    status.append(checking);
    tr.append(
      modelCell(row),
      status,
      placeholderCell("cell-num cell-quota", "colModelQuota"),
      placeholderCell("cell-num cell-quota", "colUserQuota"),
      placeholderCell("cell-share", "colShare"),
      placeholderCell("cell-num cell-latency", "colLatency"),
    );
    return tr;
  }

  function placeholderCell(className, labelKey) {
    const td = cell(className, labelKey);
    const bar = el("span", "skeleton");
    bar.setAttribute("aria-hidden", "true");
    td.append(bar);
    return td;
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
    if (row.local) {
      const style = LOCAL_STYLE[row.local];
      td.append(
        el("span", `badge badge-${style.tone}`, t(style.label)),
        el("p", "detail", t(style.detail)),
      );
      return td;
    }
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

  /* ---------- model suggestions (combobox) ---------- */

  /** ModelScope's model ids, fetched once; without them the field simply offers nothing. */
  async function loadCatalog() {
    try {
      const response = await fetch("/api/models", {
        headers: { Accept: "application/json" },
        cache: "no-store",
      });
      const body = response.ok ? await response.json() : null;
      if (Array.isArray(body?.models)) {
        state.catalog = body.models.filter((id) => typeof id === "string" && id.length <= 200);
        // Someone may already be typing: offer what matches right away.
        if (document.activeElement === els.models) {
          updateSuggestions();
        }
      }
    } catch {
      // Suggestions are a convenience: no list, no suggestions, no message.
    }
  }

  /**
   * The word the caret is in: from the last separator before the caret to the next one after it.
   * Null when text is selected (the person is not typing a word then).
   */
  function tokenAtCaret() {
    const area = els.models;
    if (area.selectionStart !== area.selectionEnd) {
      return null;
    }
    const text = area.value;
    const caret = area.selectionStart;
    let start = caret;
    while (start > 0 && !SEPARATOR.test(text[start - 1])) {
      start -= 1;
    }
    let end = caret;
    while (end < text.length && !SEPARATOR.test(text[end])) {
      end += 1;
    }
    return { start, end, prefix: text.slice(start, caret) };
  }

  /**
   * Ids that match the typed prefix, best first: ids starting with it, then ids whose name after
   * the organisation starts with it, then ids containing it. Ids already in the list elsewhere and
   * the very id typed are left out.
   */
  function suggestionsFor(token) {
    const needle = token.prefix.toLowerCase();
    if (!needle || state.catalog.length === 0) {
      return [];
    }
    const text = els.models.value;
    const others = new Set(
      parseModels(text.slice(0, token.start) + " " + text.slice(token.end)).map((id) =>
        id.toLowerCase(),
      ),
    );
    const ranked = [];
    state.catalog.forEach((id, order) => {
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
    return ranked
      .sort((a, b) => a.rank - b.rank || a.order - b.order)
      .slice(0, SUGGESTION_LIMIT);
  }

  function updateSuggestions() {
    const token = tokenAtCaret();
    state.suggest.items = token ? suggestionsFor(token) : [];
    state.suggest.active = -1;
    renderSuggestions();
  }

  function closeSuggestions() {
    if (state.suggest.items.length > 0) {
      state.suggest.items = [];
      state.suggest.active = -1;
      renderSuggestions();
    }
  }

  function moveSuggestion(step) {
    const n = state.suggest.items.length;
    const from = state.suggest.active;
    state.suggest.active = from < 0 ? (step > 0 ? 0 : n - 1) : (from + step + n) % n;
    renderSuggestions();
  }

  /** Replaces the word at the caret with the chosen id; a new line follows at the end of the text. */
  function acceptSuggestion(index) {
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

  function renderSuggestions() {
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

  function suggestionOption(item, index) {
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
  function onModelsKeydown(event) {
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
    rowElements = new WeakMap(); // every row is drawn again, in the current language
    applyStaticText();
    renderKeyToggle();
    updateModelCount();
    renderButton();
    renderFieldErrors();
    renderFormError();
    renderHistory();
    renderResults();
    renderResetCountdown();
    state.suggest.announced = -1;
    renderSuggestions();
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
      balanceButton: byId("balance-button"),
      balanceLabel: byId("balance-label"),
      stopButton: byId("stop-button"),
      modelsCombo: byId("models-combo"),
      suggestions: byId("model-suggestions"),
      suggestionsStatus: byId("suggestions-status"),
      shortcut: byId("shortcut"),
      formError: byId("form-error"),
      langToggle: byId("lang-toggle"),
      historyList: byId("history-list"),
      historyEmpty: byId("history-empty"),
      historyClear: byId("history-clear"),
      results: byId("results"),
      summary: byId("summary"),
      empty: byId("results-empty"),
      resetCountdown: byId("reset-countdown"),
      resetText: byId("reset-text"),
      account: byId("account"),
      accountUser: byId("account-user"),
      accountUserText: byId("account-user-text"),
      accountLoading: byId("account-loading"),
      accountFigures: byId("account-figures"),
      accountAvailable: byId("account-available"),
      accountUnit: byId("account-unit"),
      accountTotal: byId("account-total"),
      accountFrozen: byId("account-frozen"),
      accountError: byId("account-error"),
      accountErrorBadge: byId("account-error-badge"),
      accountErrorText: byId("account-error-text"),
      progress: byId("progress"),
      progressText: byId("progress-text"),
      progressBar: byId("progress-bar"),
      progressFill: byId("progress-fill"),
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
    els.models.addEventListener("input", updateSuggestions);
    els.models.addEventListener("keydown", onModelsKeydown);
    els.models.addEventListener("blur", closeSuggestions);
    els.models.addEventListener("click", closeSuggestions);
    els.balanceButton.addEventListener("click", onBalanceOnly);
    els.stopButton.addEventListener("click", stopCheck);
    // Leaving the page ends the check, so the server stops its probes too.
    window.addEventListener("pagehide", stopCheck);
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
    loadCatalog();
    // Minutes are shown, but a check every few seconds keeps the text right after sleep.
    setInterval(renderResetCountdown, 5000);
  }

  start();
})();
