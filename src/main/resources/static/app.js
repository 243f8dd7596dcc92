/*
 * quota-bot page: asks POST /api/balance/stream how much quota a key has left, per model and as the
 * account's 魔粒 balance (ModelScope), or as the balance and usable models of a relay token or another
 * provider's account, and shows each answer the moment it arrives.
 *
 * Rules this file keeps:
 * - Everything from the server (model names, upstream errors, account names) is untrusted: it is
 *   only ever written with textContent or DOM properties. innerHTML is not used anywhere.
 * - The key and a relay's access token live in their input fields and in one request body; never in
 *   storage, never in the URL. Only the language, the provider and model lists with relay addresses
 *   are remembered.
 * - The Content-Security-Policy forbids inline style attributes, so the dynamic widths (meters and
 *   the progress bar) are set through the CSSOM (element.style.width), which CSP allows.
 * - The DOM is redrawn from `state`, so switching language redraws everything consistently.
 */
(() => {
  "use strict";

  const STORAGE_LANG = "quotabot.lang";
  const STORAGE_HISTORY = "quotabot.history";
  const STORAGE_PROVIDER = "quotabot.provider";
  const MODELSCOPE = "modelscope";
  // What the page offers until /api/config names the providers.
  const BUILT_IN_PROVIDERS = [{ id: MODELSCOPE, name: "ModelScope", needs_base_url: false }];
  const HISTORY_LIMIT = 10;
  // A safety net so the button never stays disabled forever; the server has its own deadline.
  const CLIENT_TIMEOUT_MS = 120000;
  // ModelScope's daily quota resets at 00:00 in Asia/Shanghai (UTC+8, no daylight saving).
  const RESET_OFFSET_MS = 8 * 3600 * 1000;
  const DAY_MS = 24 * 3600 * 1000;
  const SUGGESTION_LIMIT = 8;
  // What separates model ids in the models field: the server's ModelList.SEPARATORS. Commas (also
  // full-width) and whitespace; JS's \s already covers U+00A0, U+3000, U+FEFF and every Unicode
  // space separator, and U+200B (zero-width space) is the one the server adds.
  const SEPARATOR = /[,，\s\u200B]/;
  const SEPARATORS = new RegExp(`${SEPARATOR.source}+`);

  const modelsText = (n) => (n === 1 ? "1 model" : `${n} models`);

  const MESSAGES = {
    en: {
      pageTitle: "quota-bot · API key quota per model",
      skipToForm: "Skip to the form",
      tagline: "How much quota does your API key have left, per model?",
      langToggle: "中文",
      langToggleTitle: "切换到中文",
      queryHeading: "Check a key",
      providerLabel: "Provider",
      providerHint: {
        modelscope: "Per-model quotas and the 魔粒 balance of a ModelScope API-Inference key.",
        relay: "A new-api or one-api relay: the token’s balance and the models it may use.",
        balance: (name) => `Reads the account balance of a ${name} key. Free: no model is called.`,
      },
      baseUrlLabel: "Relay address",
      baseUrlHint: "https://your-relay.example — with or without /v1.",
      keyLabel: "API key",
      keyPlaceholder: "ms-…",
      keyPlaceholderOther: "sk-…",
      keyHint: "Used for this check only: never stored, never put in the address.",
      showKey: "Show key",
      hideKey: "Hide key",
      modelsLabel: "Models",
      modelsLabelRelay: "Models to look for (optional)",
      modelsHint: "One per line, or separated by commas.",
      modelsHintRelay: "One per line, or separated by commas. Empty: every model the key may use.",
      modelsPlaceholder: "Qwen/Qwen3-32B\ndeepseek-ai/DeepSeek-V3.1",
      modelsPlaceholderRelay: "gpt-4o-mini\ndeepseek-chat",
      adminSummary: "Admin balance (optional)",
      adminIntro:
        "For the account’s wallet (needed when the token is unlimited): the user id and the system access token from the relay’s personal settings page. Both or neither.",
      userIdLabel: "User id",
      accessTokenLabel: "Access token",
      accessTokenHint: "A secret like the key: never stored, never put in the address.",
      showToken: "Show access token",
      hideToken: "Hide access token",
      modelCount: (n, max) => `${modelsText(n)} (max ${max})`,
      useDefaults: "Use defaults",
      suggestionsLabel: "Model suggestions",
      suggestionsCount: (n) =>
        `${n === 1 ? "1 suggestion" : `${n} suggestions`}: ↑ and ↓ to choose, Enter or Tab to insert.`,
      costNote:
        "Each model is probed with one tiny chat request, which may count as one call against your quota. Reading the 魔粒 balance is free.",
      check: "Check quota",
      checkRelay: "Check key",
      checkBalance: "Check balance",
      checking: (n) => `Checking ${modelsText(n)}…`,
      checkingRelay: "Checking…",
      balanceOnly: "Check balance only (free)",
      balanceHint: "Reads only the 魔粒 balance of the key’s account; no model is probed.",
      readingBalance: "Reading balance…",
      stop: "Stop",
      progress: (done, total) => `${done} of ${modelsText(total)} answered`,
      retryWait: (seconds) => `Try again in ${seconds} s`,
      shortcut: (mac) => `or press ${mac ? "⌘" : "Ctrl"} + Enter`,
      historyHeading: "Recent checks",
      historyHint:
        "Model lists and relay addresses, remembered on this device only. Keys and tokens are never saved.",
      historyEmpty: "Model lists and relays you check will appear here.",
      historyClear: "Clear",
      historyUse: "Put this list in the models field",
      historyUseRelay: "Use this relay again",
      historyAllModels: "all models of the key",
      historyMore: (n) => `+${n} more`,
      historyCount: modelsText,
      resultsHeading: "Results",
      tableCaption: "Quota left per model",
      tableCaptionRelay: "Models this key may use",
      emptyTitle: "No results yet",
      emptyText: {
        modelscope: "Enter your key and models, then press “Check quota”, or check only the balance.",
        relay: "Enter the relay’s address and your key, then press “Check key”.",
        balance: "Enter your key, then press “Check balance”.",
      },
      accountHeading: "魔粒 balance",
      accountHeadingOf: (name) => `${name} balance`,
      accountLoading: "Reading the 魔粒 balance…",
      accountLoadingOther: "Reading the balance…",
      accountAvailable: "available",
      accountTotal: "Total",
      accountUsed: "Used",
      accountFrozen: "Frozen",
      accountExpires: "Expires",
      accountUnlimited: "Unlimited",
      accountUser: (name) => `Account: ${name}`,
      accountToken: (name) => `Token: ${name}`,
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
      baseUrlMissing: "Enter the relay’s address, for example https://your-relay.example.",
      baseUrlInvalid: "The relay’s address starts with https:// (or http://), for example https://your-relay.example.",
      userIdMissing: "Enter the user id too, or leave both admin fields empty.",
      userIdInvalid: "The user id is a number (see the relay’s personal settings).",
      tokenMissing: "Enter the access token too, or leave both admin fields empty.",
      tokenSpaces: "The access token contains spaces or line breaks: paste only the token itself.",
      errorNetwork: "Could not reach the server. Check your connection and try again.",
      errorTimeout: "The server did not answer in time. Try again with fewer models.",
      errorStreamEnded:
        "The connection to the server ended before every result arrived. Try again.",
      errorHttp: (status) =>
        `The server answered HTTP ${status} without an explanation. Try again later.`,
      errorConfig: "Could not load the default models; you can still type your own.",
      footer:
        "Your key goes to this server only for the check you ask for; it is used to call the provider you chose and then forgotten.",
    },
    zh: {
      pageTitle: "quota-bot · 按模型查询 API 密钥剩余额度",
      skipToForm: "跳到表单",
      tagline: "你的 API 密钥在每个模型上还剩多少额度？",
      langToggle: "English",
      langToggleTitle: "Switch to English",
      queryHeading: "查询密钥",
      providerLabel: "服务商",
      providerHint: {
        modelscope: "查询 ModelScope API-Inference 密钥在每个模型上的额度和魔粒余额。",
        relay: "new-api 或 one-api 中转站：令牌的余额和它可用的模型。",
        balance: (name) => `读取 ${name} 密钥所属账户的余额。免费：不会调用任何模型。`,
      },
      baseUrlLabel: "中转站地址",
      baseUrlHint: "https://your-relay.example — 带不带 /v1 都可以。",
      keyLabel: "API 密钥",
      keyPlaceholder: "ms-…",
      keyPlaceholderOther: "sk-…",
      keyHint: "仅用于本次查询：不会保存，也不会出现在网址中。",
      showKey: "显示密钥",
      hideKey: "隐藏密钥",
      modelsLabel: "模型",
      modelsLabelRelay: "要查找的模型（可选）",
      modelsHint: "每行一个，或用逗号分隔。",
      modelsHintRelay: "每行一个，或用逗号分隔。留空则列出该密钥可用的全部模型。",
      modelsPlaceholder: "Qwen/Qwen3-32B\ndeepseek-ai/DeepSeek-V3.1",
      modelsPlaceholderRelay: "gpt-4o-mini\ndeepseek-chat",
      adminSummary: "管理员余额（可选）",
      adminIntro:
        "用于读取账户钱包（令牌为无限额度时需要）：在中转站的个人设置页面获取用户 ID 和系统访问令牌。两项都填或都不填。",
      userIdLabel: "用户 ID",
      accessTokenLabel: "访问令牌",
      accessTokenHint: "和密钥一样是机密：不会保存，也不会出现在网址中。",
      showToken: "显示访问令牌",
      hideToken: "隐藏访问令牌",
      modelCount: (n, max) => `${n} 个模型（最多 ${max} 个）`,
      useDefaults: "恢复默认",
      suggestionsLabel: "模型建议",
      suggestionsCount: (n) => `${n} 个建议：用 ↑ ↓ 选择，按 Enter 或 Tab 填入。`,
      costNote:
        "每个模型会用一次极小的对话请求来探测，这次请求可能会占用你一次调用额度。读取魔粒余额是免费的。",
      check: "查询额度",
      checkRelay: "查询密钥",
      checkBalance: "查询余额",
      checking: (n) => `正在查询 ${n} 个模型…`,
      checkingRelay: "正在查询…",
      balanceOnly: "仅查询余额（免费）",
      balanceHint: "只读取该密钥所属账户的魔粒余额，不探测任何模型。",
      readingBalance: "正在查询余额…",
      stop: "停止",
      progress: (done, total) => `已完成 ${done}/${total} 个模型`,
      retryWait: (seconds) => `${seconds} 秒后可重试`,
      shortcut: (mac) => `或按 ${mac ? "⌘" : "Ctrl"} + Enter`,
      historyHeading: "最近的查询",
      historyHint: "模型列表和中转站地址只保存在本设备上，从不保存密钥和令牌。",
      historyEmpty: "查询过的模型列表和中转站会显示在这里。",
      historyClear: "清空",
      historyUse: "把这个列表填入模型输入框",
      historyUseRelay: "再次使用这个中转站",
      historyAllModels: "该密钥的全部模型",
      historyMore: (n) => `另 ${n} 个`,
      historyCount: (n) => `${n} 个模型`,
      resultsHeading: "查询结果",
      tableCaption: "各模型剩余额度",
      tableCaptionRelay: "该密钥可用的模型",
      emptyTitle: "还没有结果",
      emptyText: {
        modelscope: "填写密钥和模型，然后点击“查询额度”，或只查询余额。",
        relay: "填写中转站地址和密钥，然后点击“查询密钥”。",
        balance: "填写密钥，然后点击“查询余额”。",
      },
      accountHeading: "魔粒余额",
      accountHeadingOf: (name) => `${name} 余额`,
      accountLoading: "正在读取魔粒余额…",
      accountLoadingOther: "正在读取余额…",
      accountAvailable: "可用",
      accountTotal: "总额",
      accountUsed: "已用",
      accountFrozen: "冻结",
      accountExpires: "到期",
      accountUnlimited: "无限额度",
      accountUser: (name) => `账户：${name}`,
      accountToken: (name) => `令牌：${name}`,
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
      baseUrlMissing: "请输入中转站地址，例如 https://your-relay.example。",
      baseUrlInvalid: "中转站地址以 https://（或 http://）开头，例如 https://your-relay.example。",
      userIdMissing: "请同时填写用户 ID，或两个管理员字段都留空。",
      userIdInvalid: "用户 ID 是一个数字（见中转站的个人设置）。",
      tokenMissing: "请同时填写访问令牌，或两个管理员字段都留空。",
      tokenSpaces: "访问令牌中有空格或换行：请只粘贴令牌本身。",
      errorNetwork: "无法连接服务器。请检查网络后重试。",
      errorTimeout: "服务器没有及时响应。请减少模型数量后重试。",
      errorStreamEnded: "与服务器的连接在全部结果返回前中断。请重试。",
      errorHttp: (status) => `服务器返回 HTTP ${status}，但没有说明原因。请稍后重试。`,
      errorConfig: "无法加载默认模型；你仍然可以自己输入。",
      footer: "你的密钥只在你发起查询时发送到本服务器，用于调用你选择的服务商，用完即丢弃。",
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

  /** Chinese names for providers whose name the server gives in English only. */
  const PROVIDER_NAMES_ZH = {
    newapi: "new-api / one-api 中转站",
    siliconflow: "硅基流动 SiliconFlow",
    moonshot: "月之暗面 Moonshot",
  };

  const state = {
    lang: "en",
    config: {
      default_models: [],
      max_models: 50,
      providers: BUILT_IN_PROVIDERS,
    },
    provider: MODELSCOPE, // the chosen provider's id
    modelDrafts: new Map(), // provider id → the models text typed for it, kept across switches
    /*
     * What the results show, built line by line from the stream:
     * {balanceOnly, models, rows: [server row | {model, local}], account, summary, ended, failure}.
     */
    report: null,
    busyKind: null, // "models" or "balance": which button is working; null when idle
    sort: { key: null, ascending: true },
    // message refs, see resolve()
    fieldErrors: { key: null, models: null, baseUrl: null, userId: null, accessToken: null },
    formError: null,
    retryUntil: 0,
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

  /* ---------- providers ---------- */

  function providerInfo(id) {
    return state.config.providers.find((provider) => provider.id === id) || null;
  }

  /**
   * How the page treats a provider: "modelscope" probes models, "relay" (a site the person names)
   * reads a token's balance and the models it may use, "balance" reads only an account balance.
   */
  function kindOf(id) {
    if (id === MODELSCOPE) {
      return "modelscope";
    }
    return providerInfo(id)?.needs_base_url ? "relay" : "balance";
  }

  function providerName(id) {
    if (state.lang === "zh" && Object.hasOwn(PROVIDER_NAMES_ZH, id)) {
      return PROVIDER_NAMES_ZH[id];
    }
    const name = providerInfo(id)?.name;
    return typeof name === "string" && name ? name : String(id);
  }

  /** A message that differs per kind of provider: {modelscope, relay, balance}. */
  function kindText(key, kind, ...args) {
    const entry = MESSAGES[state.lang][key][kind];
    return typeof entry === "function" ? entry(...args) : entry;
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
    return [...new Set(text.split(SEPARATORS).filter(Boolean))];
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

  /* ---------- history of model lists and relays (never keys or tokens) ---------- */

  function loadHistory() {
    let parsed;
    try {
      parsed = JSON.parse(readStorage(STORAGE_HISTORY) || "[]");
    } catch {
      return [];
    }
    // Storage can be edited by anyone at the keyboard: keep only well-formed entries. Entries
    // from before there were providers have none: they are ModelScope lists.
    const wellFormed = (entry) =>
      Array.isArray(entry?.models) &&
      entry.models.every((model) => typeof model === "string") &&
      (entry.provider === undefined || typeof entry.provider === "string") &&
      (entry.base_url === undefined || typeof entry.base_url === "string") &&
      (entry.models.length > 0 || typeof entry.base_url === "string");
    return Array.isArray(parsed) ? parsed.filter(wellFormed).slice(0, HISTORY_LIMIT) : [];
  }

  function historySignature(entry) {
    return [entry.provider || MODELSCOPE, entry.base_url || "", ...entry.models].join("\n");
  }

  /**
   * Most recent first; the same check again moves to the top instead of repeating. A relay is
   * remembered with its address (not a secret) even without models; keys and tokens never are.
   */
  function rememberCheck(report) {
    const entry = { provider: report.provider, models: report.models, at: new Date().toISOString() };
    if (report.baseUrl) {
      entry.base_url = report.baseUrl;
    }
    const signature = historySignature(entry);
    const others = loadHistory().filter((old) => historySignature(old) !== signature);
    const entries = [entry, ...others];
    writeStorage(STORAGE_HISTORY, JSON.stringify(entries.slice(0, HISTORY_LIMIT)));
    renderHistory();
  }

  function clearHistory() {
    writeStorage(STORAGE_HISTORY, null);
    renderHistory();
    els.models.focus();
  }

  function renderHistory() {
    // Entries of a provider this server does not offer (now) cannot be used: they wait unseen.
    const entries = loadHistory().filter((entry) => providerInfo(entry.provider || MODELSCOPE));
    els.historyList.replaceChildren(...entries.map(historyItem));
    els.historyEmpty.hidden = entries.length > 0;
    els.historyClear.hidden = entries.length === 0;
  }

  function historyItem(entry) {
    const provider = entry.provider || MODELSCOPE;
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
      setProvider(provider);
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
  function splitModel(model) {
    const slash = model.lastIndexOf("/");
    return slash > 0 && slash < model.length - 1
      ? { org: model.slice(0, slash + 1), id: model.slice(slash + 1) }
      : { org: "", id: model };
  }

  function historyMeta(entry) {
    const when = new Date(entry.at);
    const provider = entry.provider || MODELSCOPE;
    const parts = [];
    if (provider !== MODELSCOPE) {
      parts.push(providerName(provider));
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

  /* ---------- validation and errors ---------- */

  /**
   * Mirrors the server's checks loosely, so common mistakes are explained without a round trip. The
   * balance-only check needs no models at all; a relay's models are optional, its address is not,
   * and its admin fields go together or not at all. The first field in error takes the focus.
   */
  function validate(balanceOnly) {
    const provider = state.provider;
    const kind = kindOf(provider);
    const key = els.key.value.trim();
    const onlyBalance = kind === "balance" || (kind === "modelscope" && balanceOnly);
    const list = onlyBalance ? [] : parseModels(els.models.value);
    const max = state.config.max_models;
    const errors = state.fieldErrors;
    errors.key = !key ? message("keyMissing") : /\s/.test(key) ? message("keySpaces") : null;
    errors.models =
      list.length > max
        ? message("modelsTooMany", list.length, max)
        : kind === "modelscope" && !onlyBalance && list.length === 0
          ? message("modelsMissing")
          : null;
    const relay = kind === "relay";
    const baseUrl = relay ? els.baseUrl.value.trim() : "";
    errors.baseUrl = !relay
      ? null
      : !baseUrl
        ? message("baseUrlMissing")
        : !/^https?:\/\/[^\s/]+/i.test(baseUrl)
          ? message("baseUrlInvalid")
          : null;
    const userId = relay ? els.userId.value.trim() : "";
    const accessToken = relay ? els.accessToken.value.trim() : "";
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
      provider,
      kind,
      key,
      models: list,
      balanceOnly: onlyBalance,
      baseUrl: relay ? baseUrl : null,
      userId: userId || null,
      accessToken: accessToken || null,
    };
  }

  /** The request body: ModelScope's is the seed's ({models, api_key}); others name themselves. */
  function requestBody(query) {
    if (query.kind === "modelscope") {
      return { models: query.models, api_key: query.key };
    }
    const body = { provider: query.provider, api_key: query.key };
    if (query.kind === "relay") {
      body.base_url = query.baseUrl;
      if (query.models.length > 0) {
        body.models = query.models;
      }
      if (query.userId && query.accessToken) {
        body.user_id = query.userId;
        body.access_token = query.accessToken;
      }
    }
    return body;
  }

  function renderFieldErrors() {
    showFieldError(els.key, els.keyError, state.fieldErrors.key);
    showFieldError(els.models, els.modelsError, state.fieldErrors.models);
    showFieldError(els.baseUrl, els.baseUrlError, state.fieldErrors.baseUrl);
    showFieldError(els.userId, els.userIdError, state.fieldErrors.userId);
    showFieldError(els.accessToken, els.accessTokenError, state.fieldErrors.accessToken);
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
    const providers = Array.isArray(config?.providers)
      ? config.providers.filter(
          (provider) =>
            typeof provider?.id === "string" && provider.id && typeof provider.name === "string",
        )
      : [];
    if (providers.some((provider) => provider.id === MODELSCOPE)) {
      state.config.providers = providers;
    }
    // Pre-fill only if the person has not started typing while the config was loading.
    if (state.provider === MODELSCOPE && !els.models.value.trim()) {
      fillModels(state.config.default_models);
    } else if (!state.modelDrafts.has(MODELSCOPE)) {
      state.modelDrafts.set(MODELSCOPE, state.config.default_models.join("\n"));
    }
    renderProviderOptions();
    // The last provider chosen on this device, if this server offers it.
    const saved = readStorage(STORAGE_PROVIDER);
    if (saved && saved !== state.provider && providerInfo(saved)) {
      setProvider(saved);
    }
    renderHistory();
    updateModelCount();
  }

  /* ---------- choosing the provider ---------- */

  function renderProviderOptions() {
    const options = state.config.providers.map((provider) => {
      const option = el("option", null, providerName(provider.id));
      option.value = provider.id;
      return option;
    });
    els.provider.replaceChildren(...options);
    els.provider.value = state.provider;
  }

  /**
   * Switches the form to a provider: its fields only, its labels, and its own models text (a relay's
   * list is not ModelScope's). The choice is remembered; nothing secret is.
   */
  function setProvider(id) {
    if (!providerInfo(id) || id === state.provider) {
      els.provider.value = state.provider;
      return;
    }
    state.modelDrafts.set(state.provider, els.models.value);
    state.provider = id;
    writeStorage(STORAGE_PROVIDER, id);
    const draft = state.modelDrafts.get(id);
    els.models.value = draft ?? (id === MODELSCOPE ? state.config.default_models.join("\n") : "");
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
  }

  function renderProvider() {
    const id = state.provider;
    const kind = kindOf(id);
    els.provider.value = id;
    els.providerHint.textContent = kindText("providerHint", kind, providerName(id));
    els.baseUrlField.hidden = kind !== "relay";
    els.adminSection.hidden = kind !== "relay";
    els.modelsField.hidden = kind === "balance";
    els.resetModels.hidden = kind !== "modelscope";
    els.costNote.hidden = kind !== "modelscope";
    els.balanceButton.hidden = kind !== "modelscope";
    els.modelsLabel.textContent = t(kind === "relay" ? "modelsLabelRelay" : "modelsLabel");
    els.modelsHintText.textContent = t(kind === "relay" ? "modelsHintRelay" : "modelsHint");
    els.models.placeholder = t(kind === "relay" ? "modelsPlaceholderRelay" : "modelsPlaceholder");
    els.key.placeholder = t(kind === "modelscope" ? "keyPlaceholder" : "keyPlaceholderOther");
    els.form.dataset.provider = id;
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
    setBusy(query.kind === "modelscope" && query.balanceOnly ? "balance" : "models");
    let answered = false;
    try {
      const response = await fetch("/api/balance/stream", {
        method: "POST",
        headers: {
          "Content-Type": "application/json",
          Accept: "application/x-ndjson, application/json",
        },
        body: JSON.stringify(requestBody(query)),
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
      provider: query.provider,
      kind: query.kind,
      baseUrl: query.baseUrl,
      balanceOnly: query.balanceOnly,
      // A relay asked for no model in particular lists the models the key may use as they come.
      growing: query.kind === "relay" && query.models.length === 0,
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
        if (report.kind === "relay" || !report.balanceOnly) {
          rememberCheck(report);
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
    const row = { ...line };
    delete row.type;
    delete row.index;
    if (report.growing) {
      report.rows.push(row);
      return;
    }
    let index = Number.isInteger(line.index) ? line.index : -1;
    if (report.rows[index]?.model !== line.model) {
      index = report.rows.findIndex((row) => row.local === "pending" && row.model === line.model);
    }
    if (index < 0) {
      return;
    }
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
    // A check already running is replaced by this one (Ctrl+Enter while busy asks again).
    startCheck(false);
  }

  function onBalanceOnly() {
    if (!isBusy()) {
      startCheck(true);
    }
  }

  function startCheck(balanceOnly) {
    if (retrySecondsLeft() > 0) {
      return;
    }
    closeSuggestions();
    const query = validate(balanceOnly);
    if (query) {
      void runCheck(query);
    }
  }

  /* ---------- busy and rate-limited states of the buttons ---------- */

  function isBusy() {
    return state.busyKind !== null;
  }

  function setBusy(kind) {
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
    els.checkButton.disabled = isBusy() || wait > 0;
    els.checkButton.classList.toggle("is-busy", checking);
    els.checkLabel.textContent = checking
      ? checkingText(state.report)
      : wait > 0
        ? t("retryWait", wait)
        : checkText(kindOf(state.provider));
    els.balanceButton.disabled = isBusy() || wait > 0;
    els.balanceButton.classList.toggle("is-busy", reading);
    els.balanceLabel.textContent = reading ? t("readingBalance") : t("balanceOnly");
    els.stopButton.hidden = !isBusy();
    els.shortcut.hidden = isBusy(); // Stop takes its place while a check runs
  }

  function checkText(kind) {
    return kind === "modelscope" ? t("check") : kind === "relay" ? t("checkRelay") : t("checkBalance");
  }

  function checkingText(report) {
    if (report.kind === "balance") {
      return t("readingBalance");
    }
    return report.growing ? t("checkingRelay") : t("checking", report.rows.length);
  }

  /* ---------- results ---------- */

  function renderResults() {
    const report = state.report;
    const rows = report ? report.rows : [];
    els.results.setAttribute("aria-busy", String(isBusy()));
    els.empty.hidden = report !== null;
    els.emptyText.textContent = kindText("emptyText", kindOf(state.provider));
    els.tableWrap.hidden = rows.length === 0;
    // A relay's rows say only whether the key may use a model: no quota columns for them.
    const relayRows = report?.kind === "relay";
    els.resultsTable.dataset.kind = relayRows ? "relay" : "quota";
    els.tableCaption.textContent = t(relayRows ? "tableCaptionRelay" : "tableCaption");
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
        if (isBusy() && !row.local) {
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
    const show = isBusy() && report !== null && report.rows.length > 0 && !report.growing;
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
    if (!report || isBusy() || (!report.summary && !report.ended)) {
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

  /* ---------- the balance: ModelScope's 魔粒, a relay token's or another provider's account ---------- */

  function renderAccount() {
    const report = state.report;
    els.account.hidden = report === null;
    if (report === null) {
      return;
    }
    const modelScope = report.kind === "modelscope";
    const account = report.account;
    const loading = account === null && isBusy();
    const known = account !== null && account.status === "ok";
    els.account.dataset.provider = report.provider;
    els.accountHeading.textContent = modelScope
      ? t("accountHeading")
      : t("accountHeadingOf", providerName(report.provider));
    els.accountLoadingText.textContent = t(modelScope ? "accountLoading" : "accountLoadingOther");
    els.accountNote.hidden = !modelScope;
    els.accountLoading.hidden = !loading;
    els.accountFigures.hidden = !known;
    els.accountError.hidden = loading || known;
    els.account.dataset.state = loading ? "loading" : known ? "ok" : "error";
    const user = known && typeof account.user === "string" && account.user ? account.user : null;
    els.accountUser.hidden = user === null;
    // A relay names the token (or, for an unlimited one read with the access token, the account).
    els.accountUserText.textContent =
      user === null ? "" : t(report.kind === "relay" ? "accountToken" : "accountUser", user);
    // The provider's remark carries guidance (where the real wallet is…): shown whatever the state.
    const note = typeof account?.note === "string" && account.note.trim() ? account.note : null;
    els.accountRemark.hidden = note === null;
    els.accountRemarkText.textContent = note || "";
    if (known) {
      renderFigures(account, modelScope);
    } else if (!loading) {
      renderAccountError(account);
    }
  }

  /**
   * The amounts. ModelScope's are plain numbers of 魔粒; others are money when the unit is a
   * currency code ($8.00, ¥110.00) and number + unit otherwise (1,200 tokens). An unlimited key
   * shows "Unlimited", never the sentinel or negative number some relays report for it.
   */
  function renderFigures(account, modelScope) {
    const unit = typeof account.unit === "string" && account.unit ? account.unit : null;
    const unlimited = account.unlimited === true;
    if (!modelScope && unlimited) {
      els.accountAvailable.classList.remove("unknown");
      els.accountAvailable.textContent = t("accountUnlimited");
      els.accountUnit.textContent = "";
    } else {
      writeMoney(els.accountAvailable, account.available_balance, unit, false);
      els.accountUnit.textContent = unit || (modelScope ? "魔粒" : "");
    }
    els.accountUnit.hidden = !els.accountUnit.textContent;
    els.accountAvailable.parentElement.classList.toggle("is-unlimited", !modelScope && unlimited);
    const write = (node, value) => writeMoney(node, value, unit, !modelScope);
    write(els.accountTotal, account.total_balance);
    els.accountUsedFact.hidden = modelScope;
    write(els.accountUsed, account.used);
    // Frozen is ModelScope's notion; another provider's is shown only when it reports one.
    els.accountFrozenFact.hidden = !modelScope && !isAmount(account.frozen_amount);
    write(els.accountFrozen, account.frozen_amount);
    const expires = new Date(typeof account.expires_at === "string" ? account.expires_at : NaN);
    const expiresKnown = !Number.isNaN(expires.getTime());
    els.accountExpiresFact.hidden = !expiresKnown;
    els.accountExpires.textContent = expiresKnown
      ? expires.toLocaleString(locale(), { dateStyle: "medium", timeStyle: "short" })
      : "";
    els.accountExpires.dateTime = expiresKnown ? expires.toISOString() : "";
  }

  function isAmount(value) {
    return typeof value === "number" && Number.isFinite(value);
  }

  /**
   * Money with its currency when the unit is a 3-letter code, else the number (with the unit when
   * `withUnit`, for figures shown apart from the big amount); unknown stays unknown, never 0.
   */
  function writeMoney(node, value, unit, withUnit) {
    const known = isAmount(value);
    node.classList.toggle("unknown", !known);
    if (!known) {
      node.textContent = t("unknown");
      return;
    }
    const money = formatCurrency(value, unit);
    if (money !== null) {
      node.textContent = money;
      return;
    }
    const number = value.toLocaleString(locale(), { maximumFractionDigits: 4 });
    node.textContent = withUnit && unit ? `${number} ${unit}` : number;
  }

  function formatCurrency(value, unit) {
    if (typeof unit !== "string" || !/^[A-Z]{3}$/.test(unit)) {
      return null;
    }
    try {
      return new Intl.NumberFormat(locale(), {
        style: "currency",
        currency: unit,
        currencyDisplay: "narrowSymbol",
        maximumFractionDigits: Math.max(2, fractionDigits(value)),
      }).format(value);
    } catch {
      return null; // a code Intl does not know
    }
  }

  /** Up to 4 decimals: a relay's $0.0012 must not round to $0.00. */
  function fractionDigits(value) {
    const text = String(value);
    const dot = text.indexOf(".");
    return dot < 0 || /e/i.test(text) ? 2 : Math.min(4, text.length - dot - 1);
  }

  /** Makes `node` the badge of a server status: its tone, and its label in the page's language. */
  function setStatusBadge(node, status) {
    const labels = MESSAGES[state.lang].status;
    node.className = `badge badge-${statusStyle(status).tone}`;
    node.textContent = Object.hasOwn(labels, status) ? labels[status] : status;
    return node;
  }

  function renderAccountError(account) {
    if (account === null) {
      els.accountErrorBadge.hidden = true;
      els.accountErrorText.textContent = t("accountNotRead");
      return;
    }
    els.accountErrorBadge.hidden = false;
    setStatusBadge(els.accountErrorBadge, String(account.status));
    els.accountErrorText.textContent =
      typeof account.error === "string" && account.error ? account.error : t("accountFailed");
  }

  /* ---------- countdown to the daily reset ---------- */

  /** The next 00:00 in UTC+8 (the instant the server sends as resets_at), counted here. */
  function nextReset(now) {
    const shifted = now + RESET_OFFSET_MS;
    return new Date((Math.floor(shifted / DAY_MS) + 1) * DAY_MS - RESET_OFFSET_MS);
  }

  function renderResetCountdown() {
    // Only ModelScope resets its quotas daily; balances of other providers do not reset.
    els.resetCountdown.hidden = state.provider !== MODELSCOPE;
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
    td.append(setStatusBadge(el("span"), String(row.status)));
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
    // The catalog is ModelScope's: a relay's or another provider's ids are not in it.
    const token = state.provider === MODELSCOPE ? tokenAtCaret() : null;
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

  /** The key and the relay's access token: hidden by default, shown while the eye is pressed. */
  function toggleVisibility(input, toggle) {
    const show = input.type === "password";
    input.type = show ? "text" : "password";
    toggle.setAttribute("aria-pressed", String(show));
    renderKeyToggle();
    input.focus();
  }

  function renderKeyToggle() {
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

  /* ---------- wiring ---------- */

  function renderAll() {
    rowElements = new WeakMap(); // every row is drawn again, in the current language
    applyStaticText();
    renderProviderOptions();
    renderProvider();
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
      provider: byId("provider"),
      providerHint: byId("provider-hint"),
      baseUrlField: byId("base-url-field"),
      baseUrl: byId("base-url"),
      baseUrlError: byId("base-url-error"),
      key: byId("api-key"),
      keyToggle: byId("key-toggle"),
      keyError: byId("api-key-error"),
      adminSection: byId("admin-section"),
      userId: byId("user-id"),
      userIdError: byId("user-id-error"),
      accessToken: byId("access-token"),
      accessTokenError: byId("access-token-error"),
      tokenToggle: byId("token-toggle"),
      costNote: byId("cost-note"),
      modelsField: byId("models-field"),
      modelsLabel: byId("models-label"),
      modelsHintText: byId("models-hint-text"),
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
      accountUsedFact: byId("account-used-fact"),
      accountUsed: byId("account-used"),
      accountFrozenFact: byId("account-frozen-fact"),
      accountExpiresFact: byId("account-expires-fact"),
      accountExpires: byId("account-expires"),
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
    els.keyToggle.addEventListener("click", () => toggleVisibility(els.key, els.keyToggle));
    els.tokenToggle.addEventListener("click", () =>
      toggleVisibility(els.accessToken, els.tokenToggle),
    );
    els.provider.addEventListener("change", () => setProvider(els.provider.value));
    els.key.addEventListener("input", clearFieldErrorOnInput("key"));
    els.baseUrl.addEventListener("input", clearFieldErrorOnInput("baseUrl"));
    els.userId.addEventListener("input", clearFieldErrorOnInput("userId"));
    els.accessToken.addEventListener("input", clearFieldErrorOnInput("accessToken"));
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
