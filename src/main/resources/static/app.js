/*
 * quota-bot page: asks POST /api/balance/stream how much quota a key has left, per model and as the
 * balances of the key's account, and shows each answer the moment it arrives.
 *
 * Rules this file keeps:
 * - The page knows no provider by name. What it offers, which fields it shows, what the buttons
 *   say and whether a daily reset is counted down all follow from GET /api/providers: each
 *   provider's capabilities, fields, unit, default models and key hint. Texts name a provider only
 *   through that data.
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
  /*
   * Until /api/providers answers (or if it cannot be read) the form stands for "the server's default
   * provider", whatever it is: a key and optional models, sent without a provider id.
   */
  const UNKNOWN_PROVIDER = Object.freeze({
    id: "",
    name: "",
    capabilities: [],
    fields: ["api_key", "models"],
    unit: null,
    default_models: [],
    key_hint: "",
    key_prefixes: [],
    probe_cost: null,
    console_url: null,
  });
  const HISTORY_LIMIT = 10;
  // A safety net so the button never stays disabled forever; the server has its own deadline.
  const CLIENT_TIMEOUT_MS = 120000;
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
        probe: (name, balance) =>
          balance
            ? `Per-model quotas and the ${balance} of a ${name} key.`
            : `Per-model quotas of a ${name} key.`,
        list: (name) => `${name}: the key’s balance and the models it may use.`,
        balance: (name) => `Reads the account balance of a ${name} key. Free: no model is called.`,
        account: (name) =>
          `A ${name} key cannot read its balance: the check shows what the key can read, and the console page where the balance is.`,
      },
      balanceOf: (unit) => (unit ? `${unit} balance` : "balance"),
      baseUrlLabel: "Relay address",
      baseUrlHint: "https://your-relay.example — with or without /v1.",
      keyLabel: "API key",
      keyHint: "Used for this check only: never stored, never put in the address.",
      keyProvider: (name, prefix) => `${name} chosen: its keys start with ${prefix}.`,
      keyAmbiguous: (prefix, names) =>
        `Keys that start with ${prefix} are used by several providers (${names}): choose one.`,
      showKey: "Show key",
      hideKey: "Hide key",
      modelsLabel: "Models",
      modelsLabelOptional: "Models to look for (optional)",
      modelsHint: "One per line, or separated by commas.",
      modelsHintOptional:
        "One per line, or separated by commas. Empty: every model the key may use.",
      // An example for a provider that proposes no models of its own.
      modelsPlaceholder: "gpt-4o-mini\ndeepseek-chat",
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
      costNote: (balance) =>
        `Each model is probed with one tiny chat request, which may count as one call against your quota.${balance ? ` Reading the ${balance} is free.` : ""}`,
      // The most a check may cost (the provider's probe_cost): it spends, or counts against limits.
      costSpends: (total, unit, n, each) =>
        `Costs at most ${total} ${unit} (${modelsText(n)} × ${each})`,
      costCounts: (amount, n, each, perModel) =>
        `Uses ${amount} of your rate limits${perModel ? ` (${modelsText(n)} × ${each})` : ""}`,
      costUnits: {
        requests: (n) => (n === 1 ? "request" : "requests"),
        tokens: (n) => (n === 1 ? "token" : "tokens"),
      },
      costAmount: (number, unit) => `${number} ${unit}`,
      check: "Check quota",
      checkKey: "Check key",
      checkBalance: "Check balance",
      checkAny: "Check",
      checking: (n) => `Checking ${modelsText(n)}…`,
      checkingKey: "Checking…",
      balanceOnly: "Check balance only (free)",
      balanceHint: (balance) =>
        `Reads only the ${balance} of the key’s account; no model is probed.`,
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
      tableCaptionList: "Models this key may use",
      emptyTitle: "No results yet",
      emptyText: {
        probe: "Enter your key and models, then press “Check quota”.",
        probeOrBalance:
          "Enter your key and models, then press “Check quota”, or check only the balance.",
        list: "Enter your key, then press “Check key”.",
        listAt: "Enter the relay’s address and your key, then press “Check key”.",
        balance: "Enter your key, then press “Check balance”.",
        account: "Enter your key, then press “Check key”.",
        any: "Enter your key, then press “Check”.",
      },
      accountHeading: (name) => (name ? `${name} balance` : "Balance"),
      accountHeadingNoBalance: (name) => (name ? `${name} account` : "Account"),
      accountHeadingLimits: (name) => (name ? `${name} usage limits` : "Usage limits"),
      accountLoading: (balance) => `Reading the ${balance}…`,
      accountLoadingNoBalance: "Reading the account…",
      accountConsole: "Balance and limits on the provider’s console: ",
      accountNothingRead: (name) =>
        `${name || "This provider"} does not tell a key its balance: nothing was read, so no figure is shown.`,
      siteName: (name) => `Site: ${name}`,
      siteSoftware: (flavour) => `Software: ${flavour}`,
      limitsLabel: "Quota windows",
      limitUsed: (percent) => `${percent}% used`,
      limitLeft: "left",
      limitUnknown: "use unknown",
      spendCaption: "Recent spend by model",
      spendModel: "Model",
      spendAmount: "Spent",
      spendCalls: "Calls",
      spendNote: "From the key’s recent log only: not a lifetime total.",
      spendSince: (time) => `From the key’s recent log (since ${time}) only: not a lifetime total.`,
      estimateLabel: "Estimated calls left",
      // "≈ 500 light · 250 standard · 125 flagship calls, at 0.5 / 1 / 2 魔粒 a call"
      estimateTier: (calls, tier) => `${calls} ${tier}`,
      estimate: (tiers, prices, unit) =>
        `≈ ${tiers} calls, at ${prices}${unit ? ` ${unit}` : ""} a call`,
      estimateNote: "An estimate from the published prices per call, not a reading.",
      tier: { light: "light", standard: "standard", flagship: "flagship" },
      accountAvailable: "available",
      accountOwed: "owed",
      owed: (amount) => `${amount} owed`,
      accountTotal: "Total",
      accountUsed: "Used",
      accountFrozen: "Frozen",
      accountExpires: "Expires",
      accountRequests: "Requests",
      accountUnlimited: "Unlimited",
      accountUser: (name) => `Account: ${name}`,
      accountToken: (name) => `Token: ${name}`,
      scope: { account: "Account", key: "Key", wallet: "Wallet" },
      part: {
        granted: "Granted",
        topped_up: "Topped up",
        voucher: "Voucher",
        cash: "Cash",
        charged: "Charged",
        earned_today: "Earned today",
        to_earn_today: "Still to earn today",
        lifetime_topped_up: "Lifetime top-ups",
        lifetime_granted: "Lifetime grants",
        credit_limit: "Credit limit",
        outstanding_invoices: "Owed",
        pending_charges: "Pending charges",
      },
      accountNote: (name, balance) =>
        `The ${balance} is what ${name} spends from your account. When ${name} does not report a model’s quota (shown as unknown), this balance is your real budget.`,
      accountFailed: "The balance could not be read.",
      accountNotRead: "The balance was not read: the check was stopped first.",
      resetIn: (hours, minutes) =>
        hours > 0
          ? `Daily quota resets in ${hours} h ${minutes} min`
          : `Daily quota resets in ${minutes} min`,
      resetSoon: "Daily quota resets in under a minute",
      resetTitle: (name, at, local) => `${name} resets daily quotas at ${at}: ${local} for you.`,
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
      shareOfWindow: (name) => `of ${name}`,
      // A row's named rate-limit windows: "requests/day 14,370 / 14,400 · resets in 3 h".
      windowsLabel: "Rate limits (remaining / limit)",
      windowWhat: {
        requests: "requests",
        tokens: "tokens",
        input_tokens: "input tokens",
        output_tokens: "output tokens",
        model_requests: "model requests",
        audio_seconds: "audio seconds",
      },
      windowPeriod: {
        second: "second",
        minute: "minute",
        hour: "hour",
        day: "day",
        week: "week",
        month: "month",
      },
      windowName: (what, period) => (period ? `${what}/${period}` : what),
      resetsIn: (duration) => `resets in ${duration}`,
      hasReset: "has reset",
      resetsAtTitle: (local) => `Resets at ${local}`,
      duration: {
        seconds: (s) => `${s} s`,
        minutes: (m) => `${m} min`,
        hours: (h, m) => (m > 0 ? `${h} h ${m} min` : `${h} h`),
        days: (d, h) => (h > 0 ? `${d} d ${h} h` : `${d} d`),
      },
      checkedAt: (time) => `Checked ${time}`,
      tally: (ok, failed) => `${ok} answered · ${failed} failed`,
      summaryStopped: (done, total) => `Stopped: ${done} of ${modelsText(total)} answered.`,
      pending: "Checking…",
      stopped: "Stopped",
      stoppedDetail: (name) =>
        name ? `Stopped before ${name} answered.` : "Stopped before an answer came.",
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
      modelsMissing: (example) =>
        example ? `Enter at least one model, for example ${example}.` : "Enter at least one model.",
      modelsTooMany: (n, max) => `${n} models given, at most ${max} per check: split the list.`,
      baseUrlMissing: "Enter the relay’s address, for example https://your-relay.example.",
      baseUrlInvalid:
        "The relay’s address starts with https:// (or http://), for example https://your-relay.example.",
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
      errorConfig: "Could not load the providers; the check goes to the server’s default provider.",
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
        probe: (name, balance) =>
          balance
            ? `查询 ${name} 密钥在每个模型上的额度和${balance}。`
            : `查询 ${name} 密钥在每个模型上的额度。`,
        list: (name) => `${name}：密钥的余额和它可用的模型。`,
        balance: (name) => `读取 ${name} 密钥所属账户的余额。免费：不会调用任何模型。`,
        account: (name) =>
          `${name} 的密钥无法读取余额：查询会显示密钥能读到的内容，以及可以查看余额的控制台页面。`,
      },
      balanceOf: (unit) => (unit ? `${unit}余额` : "余额"),
      baseUrlLabel: "中转站地址",
      baseUrlHint: "https://your-relay.example — 带不带 /v1 都可以。",
      keyLabel: "API 密钥",
      keyHint: "仅用于本次查询：不会保存，也不会出现在网址中。",
      keyProvider: (name, prefix) => `已选择 ${name}：它的密钥以 ${prefix} 开头。`,
      keyAmbiguous: (prefix, names) =>
        `以 ${prefix} 开头的密钥被多个服务商使用（${names}）：请选择一个。`,
      showKey: "显示密钥",
      hideKey: "隐藏密钥",
      modelsLabel: "模型",
      modelsLabelOptional: "要查找的模型（可选）",
      modelsHint: "每行一个，或用逗号分隔。",
      modelsHintOptional: "每行一个，或用逗号分隔。留空则列出该密钥可用的全部模型。",
      modelsPlaceholder: "gpt-4o-mini\ndeepseek-chat",
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
      costNote: (balance) =>
        `每个模型会用一次极小的对话请求来探测，这次请求可能会占用你一次调用额度。${balance ? `读取${balance}是免费的。` : ""}`,
      costSpends: (total, unit, n, each) => `最多花费 ${total} ${unit}（${n} 个模型 × ${each}）`,
      costCounts: (amount, n, each, perModel) =>
        `占用你的速率限额中的 ${amount}${perModel ? `（${n} 个模型 × ${each}）` : ""}`,
      costUnits: {
        requests: () => "次请求",
        tokens: () => "个 Token",
      },
      costAmount: (number, unit) => `${number} ${unit}`,
      check: "查询额度",
      checkKey: "查询密钥",
      checkBalance: "查询余额",
      checkAny: "查询",
      checking: (n) => `正在查询 ${n} 个模型…`,
      checkingKey: "正在查询…",
      balanceOnly: "仅查询余额（免费）",
      balanceHint: (balance) => `只读取该密钥所属账户的${balance}，不探测任何模型。`,
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
      tableCaptionList: "该密钥可用的模型",
      emptyTitle: "还没有结果",
      emptyText: {
        probe: "填写密钥和模型，然后点击“查询额度”。",
        probeOrBalance: "填写密钥和模型，然后点击“查询额度”，或只查询余额。",
        list: "填写密钥，然后点击“查询密钥”。",
        listAt: "填写中转站地址和密钥，然后点击“查询密钥”。",
        balance: "填写密钥，然后点击“查询余额”。",
        account: "填写密钥，然后点击“查询密钥”。",
        any: "填写密钥，然后点击“查询”。",
      },
      accountHeading: (name) => (name ? `${name} 余额` : "余额"),
      accountHeadingNoBalance: (name) => (name ? `${name} 账户` : "账户"),
      accountHeadingLimits: (name) => (name ? `${name} 用量限额` : "用量限额"),
      accountLoading: (balance) => `正在读取${balance}…`,
      accountLoadingNoBalance: "正在读取账户…",
      accountConsole: "在服务商控制台查看余额和限额：",
      accountNothingRead: (name) =>
        `${name || "该服务商"}不向密钥提供余额：没有读到任何内容，因此不显示任何数字。`,
      siteName: (name) => `站点：${name}`,
      siteSoftware: (flavour) => `程序：${flavour}`,
      limitsLabel: "额度窗口",
      limitUsed: (percent) => `已用 ${percent}%`,
      limitLeft: "剩余",
      limitUnknown: "用量未知",
      spendCaption: "各模型近期花费",
      spendModel: "模型",
      spendAmount: "花费",
      spendCalls: "调用次数",
      spendNote: "仅来自该密钥的近期日志：并非累计总额。",
      spendSince: (time) => `仅来自该密钥的近期日志（自 ${time} 起）：并非累计总额。`,
      estimateLabel: "估计还可调用",
      estimateTier: (calls, tier) => `${calls} 次${tier}`,
      estimate: (tiers, prices, unit) =>
        `约 ${tiers}调用，按每次 ${prices}${unit ? ` ${unit}` : ""}计`,
      estimateNote: "按公布的每次调用价格估算，并非实际读数。",
      tier: { light: "轻量", standard: "标准", flagship: "旗舰" },
      accountAvailable: "可用",
      accountOwed: "欠款",
      owed: (amount) => `欠 ${amount}`,
      accountTotal: "总额",
      accountUsed: "已用",
      accountFrozen: "冻结",
      accountExpires: "到期",
      accountRequests: "请求次数",
      accountUnlimited: "无限额度",
      accountUser: (name) => `账户：${name}`,
      accountToken: (name) => `令牌：${name}`,
      scope: { account: "账户", key: "密钥", wallet: "钱包" },
      part: {
        granted: "赠送",
        topped_up: "充值",
        voucher: "代金券",
        cash: "现金",
        charged: "充值",
        earned_today: "今日已获得",
        to_earn_today: "今日还可获得",
        lifetime_topped_up: "累计充值",
        lifetime_granted: "累计赠送",
        credit_limit: "信用额度",
        outstanding_invoices: "未结账单",
        pending_charges: "待结费用",
      },
      accountNote: (name, balance) =>
        `${balance}是 ${name} 从你的账户中扣除的额度。当 ${name} 没有报告某个模型的额度（显示为未知）时，这个余额才是你真正的预算。`,
      accountFailed: "无法读取余额。",
      accountNotRead: "未读取余额：查询已先被停止。",
      resetIn: (hours, minutes) =>
        hours > 0
          ? `每日额度 ${hours} 小时 ${minutes} 分钟后重置`
          : `每日额度 ${minutes} 分钟后重置`,
      resetSoon: "每日额度不到 1 分钟后重置",
      resetTitle: (name, at, local) => `${name} 每天 ${at} 重置每日额度，即你的本地时间 ${local}。`,
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
      shareOfWindow: (name) => name,
      windowsLabel: "速率限制（剩余 / 上限）",
      windowWhat: {
        requests: "请求",
        tokens: "Token",
        input_tokens: "输入 Token",
        output_tokens: "输出 Token",
        model_requests: "模型请求",
        audio_seconds: "音频秒数",
      },
      windowPeriod: {
        second: "秒",
        minute: "分钟",
        hour: "小时",
        day: "天",
        week: "周",
        month: "月",
      },
      windowName: (what, period) => (period ? `${what}/${period}` : what),
      resetsIn: (duration) => `${duration}后重置`,
      hasReset: "已重置",
      resetsAtTitle: (local) => `重置时间 ${local}`,
      duration: {
        seconds: (s) => `${s} 秒`,
        minutes: (m) => `${m} 分钟`,
        hours: (h, m) => (m > 0 ? `${h} 小时 ${m} 分钟` : `${h} 小时`),
        days: (d, h) => (h > 0 ? `${d} 天 ${h} 小时` : `${d} 天`),
      },
      checkedAt: (time) => `查询时间 ${time}`,
      tally: (ok, failed) => `${ok} 个成功 · ${failed} 个失败`,
      summaryStopped: (done, total) => `已停止：${done}/${total} 个模型已返回结果。`,
      pending: "查询中…",
      stopped: "已停止",
      stoppedDetail: (name) => (name ? `在 ${name} 回答前已停止。` : "在回答前已停止。"),
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
      modelsMissing: (example) =>
        example ? `请至少输入一个模型，例如 ${example}。` : "请至少输入一个模型。",
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
      errorConfig: "无法加载服务商列表；查询将发往服务器的默认服务商。",
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

  const state = {
    lang: "en",
    config: { max_models: 50 },
    providers: [], // from GET /api/providers, each checked by wellFormedProvider()
    defaultProvider: null, // the id a query without one asks (the server's "default")
    provider: null, // the chosen provider's id; null until the providers are known
    modelDrafts: new Map(), // provider id → the models text typed for it, kept across switches
    /*
     * What the results show, built line by line from the stream:
     * {provider, mode, models, rows: [server row | {model, local}], account, summary,
     * ended, failure}.
     */
    report: null,
    busyKind: null, // "models" or "balance": which button is working; null when idle
    sort: { key: null, ascending: true },
    // message refs, see resolve()
    fieldErrors: { key: null, models: null, baseUrl: null, userId: null, accessToken: null },
    formError: null,
    retryUntil: 0,
    catalogs: new Map(), // provider id → its model ids from /api/models, for suggestions
    resets: new Map(), // provider id → {at, wallClock}: the next daily reset the server named
    suggest: { items: [], active: -1, announced: -1 },
    /*
     * What the key's prefix says about its provider: null, or {kind: "chosen" | "ambiguous",
     * prefix, ids}. Worked out in the page from the declared key_prefixes; nothing is sent.
     */
    keyMatch: null,
    // True once the person picks a provider themselves; a new paste of a key clears it.
    chosenByHand: false,
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

  /* ---------- providers: all the page knows of them is what the server declares ---------- */

  function providerInfo(id) {
    return state.providers.find((provider) => provider.id === id) || null;
  }

  /** The chosen provider, or the stand-in for the server's default while none is known. */
  function current() {
    return providerInfo(state.provider) || UNKNOWN_PROVIDER;
  }

  function can(provider, capability) {
    return provider.capabilities.includes(capability);
  }

  function takes(provider, field) {
    return provider.fields.includes(field);
  }

  /**
   * What a check of this provider does: "probe" (each model is called), "list" (the key's models are
   * listed, and looked for), "balance" (only balances are read), "account" (a provider that tells a
   * key no balance: what the key can read is shown, with the console where the rest is), or "any"
   * when the page does not know the provider and lets the server decide.
   */
  function modeOf(provider) {
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
  function offersBalanceOnly(provider) {
    return can(provider, "probes_models") && can(provider, "balances");
  }

  /** Its name in the page's language when the server gives one (`names`), else its name. */
  function providerName(provider) {
    const localized = provider.names?.[locale()];
    return typeof localized === "string" && localized ? localized : provider.name;
  }

  /** The name of the provider the results are from ("" when the page did not know it). */
  function reportProviderName() {
    return providerName(providerInfo(state.report?.provider) || UNKNOWN_PROVIDER);
  }

  /** "魔粒 balance", "CNY balance", or just "balance" when the unit depends on the account. */
  function balanceName(provider) {
    return t("balanceOf", provider.unit);
  }

  /**
   * A provider as the page uses it, or null when the entry is unusable. Lists the server may grow
   * later (capabilities, fields) are kept as given; unknown values simply match nothing.
   */
  function wellFormedProvider(raw) {
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
  function wellFormedCost(raw) {
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
  function safeHttpUrl(text) {
    try {
      const url = new URL(text);
      return url.protocol === "https:" || url.protocol === "http:" ? url.href : null;
    } catch {
      return null;
    }
  }

  /** A message that differs per mode of a provider: {probe, list, balance, …}. */
  function modeText(key, mode, ...args) {
    const entry = MESSAGES[state.lang][key][mode];
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

  /** The provider's proposed models, one per line. */
  function defaultModelsText(provider) {
    return provider.default_models.join("\n");
  }

  function updateModelCount() {
    const n = parseModels(els.models.value).length;
    els.modelsCount.textContent = t("modelCount", n, state.config.max_models);
    els.modelsCount.classList.toggle("count-over", n > state.config.max_models);
    renderCost(n);
  }

  /* ---------- what the check may cost, said before anything is sent ---------- */

  /**
   * Beside the check button: the most this check may cost, the provider's probe_cost times the
   * models in the field ("Costs at most 10 魔粒 (5 models × 2)", "Uses 5 requests of your rate
   * limits"). Nothing for a provider that declares no cost, or when no model would be probed (the
   * balance-only check is free). The button is described by it only while it is shown.
   */
  function renderCost(models) {
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

  function costText(cost, models) {
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
  function formatNumber(value) {
    return value.toLocaleString(locale(), { maximumFractionDigits: 4 });
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
  function entryProvider(entry) {
    return entry.provider || state.defaultProvider;
  }

  function historySignature(entry) {
    return [entryProvider(entry) || "", entry.base_url || "", ...entry.models].join("\n");
  }

  /**
   * Most recent first; the same check again moves to the top instead of repeating. A relay is
   * remembered with its address (not a secret) even without models; keys and tokens never are.
   */
  function rememberCheck(report) {
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

  function clearHistory() {
    writeStorage(STORAGE_HISTORY, null);
    renderHistory();
    els.models.focus();
  }

  function renderHistory() {
    // Entries of a provider this server does not offer (now) cannot be used: they wait unseen.
    const entries = loadHistory().filter((entry) => providerInfo(entryProvider(entry)));
    els.historyList.replaceChildren(...entries.map(historyItem));
    els.historyEmpty.hidden = entries.length > 0;
    els.historyClear.hidden = entries.length === 0;
  }

  function historyItem(entry) {
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
  function splitModel(model) {
    const slash = model.lastIndexOf("/");
    return slash > 0 && slash < model.length - 1
      ? { org: model.slice(0, slash + 1), id: model.slice(slash + 1) }
      : { org: "", id: model };
  }

  function historyMeta(entry) {
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

  /* ---------- validation and errors ---------- */

  /**
   * Mirrors the server's checks loosely, so common mistakes are explained without a round trip. The
   * fields checked are the ones the provider takes: models are required where each is probed
   * (except for the balance-only check), optional where the key's models are listed; an address
   * where the provider needs one; the admin fields go together or not at all. The first field in
   * error takes the focus.
   */
  function validate(balanceOnly) {
    const provider = current();
    const mode = modeOf(provider);
    const key = els.key.value.trim();
    const onlyBalance = mode === "balance" || (balanceOnly && offersBalanceOnly(provider));
    const list = onlyBalance || !takes(provider, "models") ? [] : parseModels(els.models.value);
    const max = state.config.max_models;
    const errors = state.fieldErrors;
    errors.key = !key ? message("keyMissing") : /\s/.test(key) ? message("keySpaces") : null;
    errors.models =
      list.length > max
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
  function takesAdmin(provider) {
    return takes(provider, "user_id") && takes(provider, "access_token");
  }

  /**
   * The request body: the provider's id (none while the page does not know the providers: the
   * server's default answers) and the fields this check fills in.
   */
  function requestBody(query) {
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

  async function getJson(path) {
    const response = await fetch(path, {
      headers: { Accept: "application/json" },
      cache: "no-store",
    });
    if (!response.ok) {
      throw new Error(`HTTP ${response.status}`);
    }
    return response.json();
  }

  /**
   * The providers (GET /api/providers) and the limits (GET /api/config). Without the providers the
   * form stays the server default's (a key and models, sent without a provider id) and says so.
   */
  async function loadSettings() {
    const [providers, config] = await Promise.allSettled([
      getJson("/api/providers"),
      getJson("/api/config"),
    ]);
    if (config.status === "fulfilled" && count(config.value?.max_models)) {
      state.config.max_models = config.value.max_models;
    }
    const usable = providers.status === "fulfilled" && applyProviders(providers.value);
    if (!usable) {
      state.formError = message("errorConfig");
      renderFormError();
    }
    updateModelCount();
    els.form.dataset.ready = "true";
  }

  /** Takes the server's providers; false when it named none the page can use. */
  function applyProviders(body) {
    const providers = Array.isArray(body?.providers)
      ? body.providers.map(wellFormedProvider).filter(Boolean)
      : [];
    if (providers.length === 0) {
      return false;
    }
    state.providers = providers;
    state.defaultProvider = providerInfo(body.default) ? body.default : providers[0].id;
    for (const provider of providers) {
      rememberReset(provider.id, provider.resets_at);
    }
    // What was typed while the providers were loading is the default provider's list; an empty
    // field gets the default provider's proposed models.
    const typed = els.models.value;
    const defaults = providerInfo(state.defaultProvider);
    state.modelDrafts.set(
      state.defaultProvider,
      typed.trim() ? typed : defaultModelsText(defaults),
    );
    // The last provider chosen on this device, if this server offers it.
    const saved = readStorage(STORAGE_PROVIDER);
    const chosen = saved && providerInfo(saved) ? saved : state.defaultProvider;
    state.provider = chosen;
    els.models.value = state.modelDrafts.get(chosen) ?? defaultModelsText(providerInfo(chosen));
    renderProviderOptions();
    renderProvider();
    renderButton();
    renderHistory();
    renderResults();
    renderResetCountdown();
    loadCatalog(current());
    return true;
  }

  /* ---------- choosing the provider ---------- */

  function renderProviderOptions() {
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
  function setProvider(id, { fromKey = false } = {}) {
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
  function chooseByHand(id) {
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
  function keyOwners(key) {
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
  function onKeyInput(event) {
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

  function renderKeyMatch() {
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
  function renderProvider() {
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
    setBusy(query.viaBalanceButton ? "balance" : "models");
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
      mode: query.mode,
      baseUrl: query.baseUrl,
      // Asked for no model in particular, a provider lists the models the key may use as they come.
      growing: query.mode !== "balance" && query.mode !== "account" && query.models.length === 0,
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
        rememberReset(report.provider, line.resets_at);
        // A model list or a relay's address is worth offering again; a bare balance check is not.
        if (report.models.length > 0 || report.baseUrl) {
          rememberCheck(report);
        }
        renderResetCountdown();
        announceReport(report, line);
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

  /**
   * Tells the page's other modules (js/history.js) that a check finished: the provider, the key's
   * fingerprint as the server gave it, the time and the balances. Never the key.
   */
  function announceReport(report, summary) {
    const account = report.account;
    const detail = {
      provider: report.provider || account?.provider || "",
      fingerprint: summary.key_fingerprint ?? null,
      checked_at: summary.checked_at ?? null,
      balances: Array.isArray(account?.balances) ? account.balances : [],
    };
    document.dispatchEvent(new CustomEvent("quotabot:report", { detail }));
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
    report.rows = report.rows.map((row) =>
      row.local === "pending" ? { ...row, local: how } : row,
    );
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
        : checkText(modeOf(current()));
    els.balanceButton.disabled = isBusy() || wait > 0;
    els.balanceButton.classList.toggle("is-busy", reading);
    els.balanceLabel.textContent = reading ? t("readingBalance") : t("balanceOnly");
    els.stopButton.hidden = !isBusy();
    els.shortcut.hidden = isBusy(); // Stop takes its place while a check runs
  }

  function checkText(mode) {
    const keys = { probe: "check", list: "checkKey", balance: "checkBalance", account: "checkKey" };
    return t(keys[mode] || "checkAny");
  }

  function checkingText(report) {
    if (report.mode === "balance") {
      return t("readingBalance");
    }
    if (report.mode === "account") {
      return t("checkingKey");
    }
    return report.growing ? t("checkingKey") : t("checking", report.rows.length);
  }

  /* ---------- results ---------- */

  function renderResults() {
    const report = state.report;
    const rows = report ? report.rows : [];
    els.results.setAttribute("aria-busy", String(isBusy()));
    els.empty.hidden = report !== null;
    els.emptyText.textContent = modeText("emptyText", emptyTextFor(current()));
    els.tableWrap.hidden = rows.length === 0;
    // Listed models say only whether the key may use them: no quota columns for them.
    const listed = report?.mode === "list";
    els.resultsTable.dataset.kind = listed ? "list" : "quota";
    // Rows that report named windows and none of the seed's four numbers need no seed columns.
    const windowsOnly =
      rows.some((row) => shownWindows(row).length > 0) && !rows.some(hasSeedNumber);
    els.resultsTable.dataset.quota = windowsOnly ? "windows" : "seed";
    els.tableCaption.textContent = t(listed ? "tableCaptionList" : "tableCaption");
    renderAccount();
    renderProgress();
    renderSummary();
    renderSortHeaders();
    renderRows(rows);
  }

  function emptyTextFor(provider) {
    const mode = modeOf(provider);
    if (mode === "probe") {
      return offersBalanceOnly(provider) ? "probeOrBalance" : "probe";
    }
    if (mode === "list") {
      return takes(provider, "base_url") ? "listAt" : "list";
    }
    return mode;
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

  /* ---------- the balances: every amount the provider reported, one entry each ---------- */

  function renderAccount() {
    const report = state.report;
    els.account.hidden = report === null;
    if (report === null) {
      return;
    }
    const provider = providerInfo(report.provider) || UNKNOWN_PROVIDER;
    const account = report.account;
    const loading = account === null && isBusy();
    const known = account !== null && account.status === "ok";
    const balances = Array.isArray(account?.balances)
      ? account.balances.filter((balance) => balance !== null && typeof balance === "object")
      : [];
    els.account.dataset.provider = report.provider;
    // A provider that reads no balance (its limits come with each answer) has an account, not a
    // balance, to show: its note and where its console shows the rest.
    const readsBalances = can(provider, "balances") || provider === UNKNOWN_PROVIDER;
    // An account read as windows and no money (a coding plan) is usage limits, not a balance.
    const windowsOnly =
      readsBalances &&
      balances.length === 0 &&
      Array.isArray(account?.limits) &&
      account.limits.length > 0;
    els.accountHeading.textContent = windowsOnly
      ? t("accountHeadingLimits", providerName(provider))
      : readsBalances
        ? t("accountHeading", providerName(provider))
        : t("accountHeadingNoBalance", providerName(provider));
    els.accountLoadingText.textContent = readsBalances
      ? t("accountLoading", balanceName(provider))
      : t("accountLoadingNoBalance");
    // Where models are probed, the balance is what the calls spend: the card says why it matters.
    els.accountNote.hidden = !offersBalanceOnly(provider);
    els.accountNote.textContent = t("accountNote", providerName(provider), balanceName(provider));
    els.accountLoading.hidden = !loading;
    els.account.dataset.state = loading ? "loading" : known ? "ok" : "error";
    const user =
      account !== null && typeof account.user === "string" && account.user ? account.user : null;
    els.accountUser.hidden = user === null;
    // A key's own quota names the key (a token); otherwise the name is the account's.
    const token = balances.some((balance) => balance.scope === "key");
    els.accountUserText.textContent =
      user === null ? "" : t(token ? "accountToken" : "accountUser", user);
    // Whatever was read is shown, even beside an error (a relay's wallet when the key failed).
    els.accountBalances.hidden = balances.length === 0;
    els.accountBalances.replaceChildren(...balances.map(balanceEntry));
    renderSite(account);
    const limits = renderLimits(account);
    renderEstimate(account);
    const spend = renderSpend(account);
    // The provider's remark carries guidance (where the real wallet is…): shown whatever the state.
    const note = typeof account?.note === "string" && account.note.trim() ? account.note : null;
    const consoleUrl = provider.console_url;
    els.accountRemark.hidden = note === null;
    writeWithLink(els.accountRemarkText, note || "", consoleUrl);
    // A provider that tells a key no balance says so plainly when nothing else was read either
    // (no figure, no remark, no model row): the card is never silently empty.
    const nothingRead =
      known &&
      !readsBalances &&
      balances.length === 0 &&
      limits === 0 &&
      spend === 0 &&
      note === null &&
      report.rows.length === 0;
    els.accountEmpty.hidden = !nothingRead;
    els.accountEmpty.textContent = nothingRead ? t("accountNothingRead", providerName(provider)) : "";
    // The console page, unless the note already names it.
    const consoleLine = consoleUrl !== null && !(note || "").includes(consoleUrl);
    els.accountConsole.hidden = !consoleLine;
    els.accountConsole.replaceChildren();
    if (consoleLine) {
      els.accountConsole.append(t("accountConsole"), linkOrText(consoleUrl));
    }
    els.accountError.hidden = loading || known;
    if (!loading && !known) {
      renderAccountError(account);
    }
  }


  /* ---------- what else the account tells: its site, its own windows, recent spend ---------- */

  /** A non-empty string from the server, or null. */
  function nonEmpty(value) {
    return typeof value === "string" && value.trim() ? value : null;
  }

  /**
   * A name from the server as words: lifetime_topped_up → "Lifetime topped up". A name that is
   * not all lower case (a model's, a brand's) keeps its letters; only underscores become spaces.
   */
  function readableName(name) {
    const words = String(name).replaceAll("_", " ").replace(/\s+/g, " ").trim();
    return words === words.toLowerCase() ? words.charAt(0).toUpperCase() + words.slice(1) : words;
  }

  /** "Site: My Relay · Software: new-api v0.6.10": the operator's name and what the site runs. */
  function renderSite(account) {
    const site = account?.site !== null && typeof account?.site === "object" ? account.site : null;
    const name = nonEmpty(site?.name);
    const flavour = nonEmpty(account?.flavour);
    els.accountSite.hidden = name === null && flavour === null;
    els.accountSiteName.hidden = name === null;
    els.accountSiteName.textContent = name === null ? "" : t("siteName", name);
    els.accountSiteSoftware.hidden = flavour === null;
    els.accountSiteSoftware.textContent = flavour === null ? "" : t("siteSoftware", flavour);
  }

  /**
   * The account's own quota windows (`account.limits`), one row each: its name, a bar of what is
   * used (used_percent, or worked out from the counts), remaining / limit when given, and when it
   * resets. What is unknown stays blank: never a 0 % bar. Returns how many rows were drawn.
   */
  function renderLimits(account) {
    const windows = Array.isArray(account?.limits)
      ? account.limits.filter(
          (entry) =>
            entry !== null && typeof entry === "object" && nonEmpty(entry.name) !== null,
        )
      : [];
    els.accountLimits.hidden = windows.length === 0;
    els.accountLimitsLabel.textContent = t("limitsLabel");
    els.accountLimitsList.replaceChildren(...windows.map(limitRow));
    return windows.length;
  }

  /** The share of a window used, 0…1, or null when neither a percent nor both counts are known. */
  function usedShare(entry) {
    if (isAmount(entry.used_percent)) {
      return Math.min(1, Math.max(0, entry.used_percent / 100));
    }
    const limit = count(entry.limit);
    const remaining = count(entry.remaining);
    if (limit === null || remaining === null || limit === 0) {
      return null;
    }
    return Math.min(1, Math.max(0, (limit - remaining) / limit));
  }

  function limitRow(entry) {
    const item = el("li", "limit");
    item.dataset.window = entry.name;
    const head = el("p", "limit-head");
    head.append(el("span", "limit-name", windowName(entry.name)));
    const used = usedShare(entry);
    const usedText = el("span", "limit-used");
    head.append(usedText);
    const meter = el("div", "meter limit-meter");
    const fill = el("div", "meter-fill");
    meter.append(fill);
    if (used === null) {
      meter.classList.add("meter-unknown");
      meter.setAttribute("role", "img");
      meter.setAttribute("aria-label", t("limitUnknown"));
    } else {
      // The bar stops at its ends; the text says what the provider said (105 % used is news).
      const said = isAmount(entry.used_percent) ? entry.used_percent : used * 100;
      const percent = said.toLocaleString(locale(), { maximumFractionDigits: 1 });
      usedText.textContent = t("limitUsed", percent);
      meter.setAttribute("role", "meter");
      meter.setAttribute("aria-valuemin", "0");
      meter.setAttribute("aria-valuemax", "100");
      meter.setAttribute("aria-valuenow", String(Math.round(used * 100)));
      meter.setAttribute("aria-label", `${windowName(entry.name)}: ${t("limitUsed", percent)}`);
      meter.classList.add(meterTone(1 - used));
      // Through the CSSOM, like the other bars: the CSP allows no style attribute.
      fill.style.width = `${used * 100}%`;
    }
    const facts = el("p", "limit-facts");
    const limit = count(entry.limit);
    const remaining = count(entry.remaining);
    if (limit !== null || remaining !== null) {
      const counts = el("span", "limit-counts");
      counts.append(
        numberOrUnknown("limit-remaining", remaining),
        el("span", "quota-sep", " / "),
        numberOrUnknown("limit-limit", limit),
        " ",
        el("span", "limit-left", t("limitLeft")),
      );
      facts.append(counts);
    }
    const reset = resetTime(entry);
    if (reset !== null) {
      if (facts.childNodes.length > 0) {
        facts.append(el("span", "window-sep", " · "));
      }
      facts.append(resetElement(reset));
      const local = el(
        "span",
        "limit-reset-at",
        ` (${reset.toLocaleString(locale(), { weekday: "short", hour: "2-digit", minute: "2-digit" })})`,
      );
      facts.append(local);
    }
    item.append(head, meter);
    if (facts.childNodes.length > 0) {
      item.append(facts);
    }
    return item;
  }

  /**
   * "Recent spend by model": a row per model in the order the server gave, its amount in its unit
   * and its calls, labelled as the recent log it is (never a lifetime total). Returns the rows.
   */
  function renderSpend(account) {
    const entries = Array.isArray(account?.spend)
      ? account.spend.filter(
          (entry) => entry !== null && typeof entry === "object" && nonEmpty(entry.model) !== null,
        )
      : [];
    els.accountSpend.hidden = entries.length === 0;
    els.accountSpendCaption.textContent = t("spendCaption");
    els.spendColModel.textContent = t("spendModel");
    els.spendColAmount.textContent = t("spendAmount");
    els.spendColCalls.textContent = t("spendCalls");
    els.accountSpendBody.replaceChildren(...entries.map(spendRow));
    const since = entries
      .map((entry) => new Date(typeof entry.since === "string" ? entry.since : NaN))
      .filter((at) => !Number.isNaN(at.getTime()))
      .sort((a, b) => a - b)[0];
    els.accountSpendNote.textContent = since
      ? t("spendSince", since.toLocaleString(locale(), { dateStyle: "medium", timeStyle: "short" }))
      : t("spendNote");
    return entries.length;
  }

  function spendRow(entry) {
    const tr = el("tr");
    tr.dataset.model = entry.model;
    const model = el("th", "spend-model", entry.model);
    model.scope = "row";
    const unit = nonEmpty(entry.unit);
    const amount = el("td", "num spend-amount");
    writeAmount(amount, entry.amount, unit, true);
    const calls = count(entry.calls);
    const callCell = el("td", "num spend-calls", calls === null ? "" : calls.toLocaleString(locale()));
    tr.append(model, amount, callCell);
    return tr;
  }

  /**
   * "≈ 500 light · 250 standard · 125 flagship calls, at 0.5 / 1 / 2 魔粒 a call": how many calls of
   * each price tier the available balance pays for, as the server estimated them, with the prices
   * it used. Labelled an estimate; entries without a usable price or count are left out.
   */
  function renderEstimate(account) {
    const entries = Array.isArray(account?.estimated_calls)
      ? account.estimated_calls.filter(
          (entry) =>
            entry !== null &&
            typeof entry === "object" &&
            typeof entry.tier === "string" &&
            entry.tier &&
            isAmount(entry.price) &&
            entry.price > 0 &&
            count(entry.calls) !== null,
        )
      : [];
    els.accountEstimate.hidden = entries.length === 0;
    els.accountEstimateLabel.textContent = t("estimateLabel");
    els.accountEstimateLabel.title = t("estimateNote");
    els.accountEstimateText.replaceChildren();
    if (entries.length === 0) {
      return;
    }
    const tiers = MESSAGES[state.lang].tier;
    const tierName = (tier) =>
      Object.hasOwn(tiers, tier) ? tiers[tier] : tier.replaceAll("_", " ");
    const calls = entries
      .map((entry) => t("estimateTier", entry.calls.toLocaleString(locale()), tierName(entry.tier)))
      .join(" · ");
    const prices = entries.map((entry) => formatNumber(entry.price)).join(" / ");
    const unit = typeof account.unit === "string" && account.unit ? account.unit : null;
    els.accountEstimateText.textContent = t("estimate", calls, prices, unit);
  }

  /**
   * Writes text, making the provider's console address a link where the text names it; everything
   * else stays text.
   */
  function writeWithLink(node, text, url) {
    const at = url === null ? -1 : text.indexOf(url);
    if (at < 0) {
      node.textContent = text;
      return;
    }
    node.replaceChildren(text.slice(0, at), linkOrText(url), text.slice(at + url.length));
  }

  /**
   * A link that opens the address in a new tab without telling it where it came from, when the
   * address is http(s); any other address is shown as plain text, never as a link.
   */
  function linkOrText(url) {
    const href = safeHttpUrl(url);
    if (href === null) {
      return el("span", "console-url", url);
    }
    const link = el("a", "console-url", url);
    link.href = href;
    link.target = "_blank";
    link.rel = "noopener noreferrer";
    return link;
  }

  /**
   * One balance entry: what can be spent (big), its unit and scope, then every other figure the
   * upstream reported: total, used, frozen, expiry, requests and its own split (parts). A figure it
   * did not report is left out; an unknown amount to spend says "unknown", never 0. An unlimited
   * key says "Unlimited", never the sentinel or negative number some relays report for it, and a
   * negative amount is shown as owed, never as money to spend.
   */
  function balanceEntry(balance) {
    const unit = typeof balance.unit === "string" && balance.unit ? balance.unit : null;
    const scope = typeof balance.scope === "string" ? balance.scope : "";
    const scopes = MESSAGES[state.lang].scope;
    const entry = el("li", "balance");
    entry.dataset.scope = scope;
    entry.dataset.unit = unit || "";
    const label = el("p", "balance-label", Object.hasOwn(scopes, scope) ? scopes[scope] : scope);
    const figures = el("div", "account-figures");
    const headline = el("p", "account-available");
    const amount = el("span", "account-amount");
    const unitText = el("span", "account-unit");
    const caption = el("span", "account-caption", t("accountAvailable"));
    const unlimited = balance.unlimited === true;
    if (unlimited) {
      amount.textContent = t("accountUnlimited");
      headline.classList.add("is-unlimited");
    } else {
      const owed = isAmount(balance.available) && balance.available < 0;
      writeAmount(amount, owed ? -balance.available : balance.available, unit, false);
      unitText.textContent = unit || "";
      if (owed) {
        headline.classList.add("is-owed");
        caption.textContent = t("accountOwed");
      }
    }
    unitText.hidden = !unitText.textContent;
    headline.append(amount, unitText, caption);
    // The unit is beside the big amount; the facts repeat it only when it is not.
    const facts = factList(balance, unit, unitText.hidden);
    figures.append(headline);
    if (facts.children.length > 0) {
      figures.append(facts);
    }
    entry.append(label, figures);
    return entry;
  }

  function factList(balance, unit, withUnit) {
    const facts = el("dl", "account-facts");
    const add = (name, label, value) => {
      const fact = el("div");
      fact.dataset.fact = name;
      const dd = el("dd");
      if (value instanceof Node) {
        dd.append(value);
      } else {
        dd.textContent = value;
      }
      fact.append(el("dt", null, label), dd);
      facts.append(fact);
    };
    const money = (value) => signedAmount(value, unit, withUnit);
    for (const [name, label] of [
      ["total", "accountTotal"],
      ["used", "accountUsed"],
      ["frozen", "accountFrozen"],
    ]) {
      if (isAmount(balance[name])) {
        add(name, t(label), money(balance[name]));
      }
    }
    const expires = new Date(typeof balance.expires_at === "string" ? balance.expires_at : NaN);
    if (!Number.isNaN(expires.getTime())) {
      const time = el(
        "time",
        null,
        expires.toLocaleString(locale(), { dateStyle: "medium", timeStyle: "short" }),
      );
      time.dateTime = expires.toISOString();
      add("expires", t("accountExpires"), time);
    }
    const requests = count(balance.requests);
    if (requests !== null) {
      add("requests", t("accountRequests"), requests.toLocaleString(locale()));
    }
    const parts = balance.parts !== null && typeof balance.parts === "object" ? balance.parts : {};
    const partNames = MESSAGES[state.lang].part;
    for (const [name, value] of Object.entries(parts)) {
      if (isAmount(value)) {
        const label = Object.hasOwn(partNames, name) ? partNames[name] : readableName(name);
        add(`part-${name}`, label, money(value));
      }
    }
    return facts;
  }

  function isAmount(value) {
    return typeof value === "number" && Number.isFinite(value);
  }

  /** An amount as text; a negative one is money owed ("¥3.00 owed"), never money to spend. */
  function signedAmount(value, unit, withUnit) {
    const text = amountText(Math.abs(value), unit, withUnit);
    return value < 0 ? t("owed", text) : text;
  }

  /** Writes an amount, or "unknown" (marked as such) when there is none: never 0. */
  function writeAmount(node, value, unit, withUnit) {
    const known = isAmount(value);
    node.classList.toggle("unknown", !known);
    node.textContent = known ? amountText(value, unit, withUnit) : t("unknown");
  }

  /**
   * Money with its currency when the unit is a 3-letter code, else the number (with the unit when
   * `withUnit`, for figures shown apart from the big amount).
   */
  function amountText(value, unit, withUnit) {
    const money = formatCurrency(value, unit);
    if (money !== null) {
      return money;
    }
    const number = value.toLocaleString(locale(), { maximumFractionDigits: 4 });
    return withUnit && unit ? `${number} ${unit}` : number;
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

  /* ---------- countdown to a daily reset ---------- */

  /**
   * Keeps the next reset the server named for a provider (`resets_at`, an ISO time with the
   * provider's offset, e.g. 2025-01-02T00:00:00+08:00), with that wall-clock time for the title.
   */
  function rememberReset(id, resetsAt) {
    const at = new Date(typeof resetsAt === "string" ? resetsAt : NaN);
    if (!id || Number.isNaN(at.getTime())) {
      return;
    }
    const parts = /T(\d{2}:\d{2})(?::[\d.]+)?(Z|[+-]\d{2}:\d{2})$/.exec(resetsAt);
    const wallClock = parts ? `${parts[1]} UTC${parts[2] === "Z" ? "" : parts[2]}` : null;
    state.resets.set(id, { at, wallClock });
  }

  /** The next reset after now: once the one the server named has passed, it is a day later. */
  function nextReset(reset, now) {
    const at = reset.at.getTime();
    return at > now ? reset.at : new Date(at + (Math.floor((now - at) / DAY_MS) + 1) * DAY_MS);
  }

  function renderResetCountdown() {
    // Only a provider with a daily reset has one, and only once the server has said when.
    const provider = current();
    const known = can(provider, "daily_reset") ? state.resets.get(provider.id) : undefined;
    els.resetCountdown.hidden = known === undefined;
    if (known === undefined) {
      return;
    }
    const now = Date.now();
    const reset = nextReset(known, now);
    const left = reset.getTime() - now;
    const minutes = Math.ceil(left / 60000); // "in 1 min" until it is under a minute
    const text =
      left < 60000 ? t("resetSoon") : t("resetIn", Math.floor(minutes / 60), minutes % 60);
    if (els.resetText.textContent !== text) {
      els.resetText.textContent = text;
    }
    const iso = reset.toISOString();
    const signature = `${iso} ${state.lang} ${provider.id}`;
    if (els.resetText.dataset.signature !== signature) {
      els.resetText.dateTime = iso;
      els.resetText.dataset.signature = signature;
      const local = reset.toLocaleString(locale(), {
        weekday: "short",
        hour: "2-digit",
        minute: "2-digit",
      });
      const wallClock =
        known.wallClock ||
        reset.toLocaleTimeString(locale(), { hour: "2-digit", minute: "2-digit" });
      els.resetCountdown.title = t("resetTitle", providerName(provider), wallClock, local);
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
    const windows = row.local ? [] : shownWindows(row);
    if (windows.length > 0) {
      td.append(windowList(windows));
    }
    return td;
  }

  /* ---------- named rate-limit windows (data[].limits) ---------- */

  /** Whether the row carries any of the seed's four numbers (ModelScope's quota columns). */
  function hasSeedNumber(row) {
    return [
      row.request_limit,
      row.request_remaining,
      row.model_request_limit,
      row.model_request_remaining,
    ].some((value) => count(value) !== null);
  }

  /**
   * The row's windows worth a line: well-formed, with something known, and not a repeat of the
   * seed's numbers already in the quota columns (a window whose limit and remaining are exactly a
   * seed pair, as ModelScope's requests_per_day is). Decided by the data, never by the provider.
   */
  function shownWindows(row) {
    if (!Array.isArray(row.limits)) {
      return [];
    }
    const seeds = [
      [row.request_limit, row.request_remaining],
      [row.model_request_limit, row.model_request_remaining],
    ]
      .map(([limit, remaining]) => [count(limit), count(remaining)])
      .filter(([limit, remaining]) => limit !== null || remaining !== null);
    return row.limits.filter((entry) => {
      if (entry === null || typeof entry !== "object" || typeof entry.name !== "string") {
        return false;
      }
      const limit = count(entry.limit);
      const remaining = count(entry.remaining);
      const known =
        limit !== null ||
        remaining !== null ||
        resetTime(entry) !== null ||
        isAmount(entry.used_percent);
      const repeat = seeds.some(([l, r]) => l === limit && r === remaining);
      return entry.name !== "" && known && !repeat;
    });
  }

  /** "requests/day 14,370 / 14,400 · resets in 3 h", one line per window; unknown never 0. */
  function windowList(windows) {
    const list = el("ul", "windows");
    list.setAttribute("aria-label", t("windowsLabel"));
    for (const entry of windows) {
      const item = el("li", "window");
      item.dataset.window = entry.name;
      item.append(el("span", "window-name", windowName(entry.name)), " ");
      if (count(entry.remaining) === null && count(entry.limit) === null && isAmount(entry.used_percent)) {
        // A window told as a share (a plan's), not as counts: the share, not "unknown / unknown".
        const percent = entry.used_percent.toLocaleString(locale(), { maximumFractionDigits: 1 });
        item.append(el("span", "window-used", t("limitUsed", percent)));
      } else {
        item.append(
          numberOrUnknown("window-remaining", count(entry.remaining)),
          el("span", "quota-sep", " / "),
          numberOrUnknown("window-limit", count(entry.limit)),
        );
      }
      const reset = resetTime(entry);
      if (reset !== null) {
        item.append(el("span", "window-sep", " · "), resetElement(reset));
      }
      list.append(item);
    }
    return list;
  }

  /**
   * A window's name as people say it: requests_per_day → "requests/day" ("请求/天"). Names are
   * what_per_period as the provider defines them (tokens_per_5_hours → "tokens/5 hours"); a part the
   * page has no word for is shown with spaces for underscores.
   */
  function windowName(name) {
    const words = MESSAGES[state.lang];
    const match = /^(.+?)_per_(.+)$/.exec(name);
    const what = match ? match[1] : name;
    const period = match ? match[2] : null;
    const say = (table, key) => (Object.hasOwn(table, key) ? table[key] : key.replaceAll("_", " "));
    return t(
      "windowName",
      say(words.windowWhat, what),
      period === null ? null : say(words.windowPeriod, period),
    );
  }

  function resetTime(entry) {
    const at = new Date(typeof entry.resets_at === "string" ? entry.resets_at : NaN);
    return Number.isNaN(at.getTime()) ? null : at;
  }

  /** "resets in 3 h", with the local time as the title and the instant as its datetime. */
  function resetElement(at) {
    const left = at.getTime() - Date.now();
    const text = left > 0 ? t("resetsIn", durationText(left)) : t("hasReset");
    const time = el("time", "window-reset", text);
    time.dateTime = at.toISOString();
    time.title = t(
      "resetsAtTitle",
      at.toLocaleString(locale(), { dateStyle: "medium", timeStyle: "medium" }),
    );
    return time;
  }

  /** A time to come, rounded up to what is worth saying: 45 s, 12 min, 3 h 5 min, 2 d 4 h. */
  function durationText(ms) {
    const units = MESSAGES[state.lang].duration;
    if (ms < 60000) {
      return units.seconds(Math.ceil(ms / 1000));
    }
    const minutes = Math.ceil(ms / 60000);
    if (minutes < 60) {
      return units.minutes(minutes);
    }
    if (minutes < 48 * 60) {
      return units.hours(Math.floor(minutes / 60), minutes % 60);
    }
    const hours = Math.ceil(ms / 3600000);
    return units.days(Math.floor(hours / 24), hours % 24);
  }

  function statusCell(row) {
    const td = cell("cell-status", "colStatus");
    if (row.local) {
      const style = LOCAL_STYLE[row.local];
      td.append(
        el("span", `badge badge-${style.tone}`, t(style.label)),
        el("p", "detail", t(style.detail, reportProviderName())),
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

  /**
   * Share left: of the model's own limit when known, otherwise of the user's overall limit,
   * otherwise of the row's tightest named window (the one that runs out first, in proportion).
   */
  function shareOf(row) {
    const model = ratio(row.model_request_remaining, row.model_request_limit);
    if (model !== null) {
      return { value: model, basis: "model" };
    }
    const user = ratio(row.request_remaining, row.request_limit);
    if (user !== null) {
      return { value: user, basis: "user" };
    }
    let tightest = null;
    for (const entry of shownWindows(row)) {
      const used = usedShare(entry);
      const value = used === null ? null : 1 - used;
      if (value !== null && (tightest === null || value < tightest.value)) {
        tightest = { value, basis: "window", name: entry.name };
      }
    }
    return tightest;
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
    const basis =
      share.basis === "window"
        ? t("shareOfWindow", windowName(share.name))
        : t(share.basis === "model" ? "shareOfModel" : "shareOfUser");
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

  /**
   * The model ids a provider with a model list offers, fetched once per provider; without them the
   * field simply offers nothing.
   */
  async function loadCatalog(provider) {
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
  function catalog() {
    return state.catalogs.get(state.provider) || [];
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

  function updateSuggestions() {
    // Only a provider with a model list has ids to offer; catalog() is empty for the others.
    const token = catalog().length > 0 ? tokenAtCaret() : null;
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
    renderKeyMatch();
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
      keyProvider: byId("api-key-provider"),
      adminSection: byId("admin-section"),
      userId: byId("user-id"),
      userIdError: byId("user-id-error"),
      accessToken: byId("access-token"),
      accessTokenError: byId("access-token-error"),
      tokenToggle: byId("token-toggle"),
      costNote: byId("cost-note"),
      costNoteText: byId("cost-note-text"),
      balanceHint: byId("balance-hint"),
      modelsField: byId("models-field"),
      modelsLabel: byId("models-label"),
      modelsHintText: byId("models-hint-text"),
      models: byId("models"),
      modelsCount: byId("models-count"),
      modelsError: byId("models-error"),
      resetModels: byId("reset-models"),
      checkButton: byId("check-button"),
      checkLabel: byId("check-label"),
      checkCost: byId("check-cost"),
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
      accountUser: byId("account-user"),
      accountUserText: byId("account-user-text"),
      accountLoading: byId("account-loading"),
      accountBalances: byId("account-balances"),
      accountEstimate: byId("account-estimate"),
      accountEstimateLabel: byId("account-estimate-label"),
      accountEstimateText: byId("account-estimate-text"),
      accountConsole: byId("account-console"),
      accountError: byId("account-error"),
      accountErrorBadge: byId("account-error-badge"),
      accountErrorText: byId("account-error-text"),
      accountEmpty: byId("account-empty"),
      accountSite: byId("account-site"),
      accountSiteName: byId("account-site-name"),
      accountSiteSoftware: byId("account-site-software"),
      accountLimits: byId("account-limits"),
      accountLimitsLabel: byId("account-limits-label"),
      accountLimitsList: byId("account-limits-list"),
      accountSpend: byId("account-spend"),
      accountSpendCaption: byId("account-spend-caption"),
      accountSpendBody: byId("account-spend-body"),
      accountSpendNote: byId("account-spend-note"),
      spendColModel: byId("spend-col-model"),
      spendColAmount: byId("spend-col-amount"),
      spendColCalls: byId("spend-col-calls"),
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
    els.provider.addEventListener("change", () => chooseByHand(els.provider.value));
    els.key.addEventListener("input", clearFieldErrorOnInput("key"));
    els.key.addEventListener("input", onKeyInput);
    els.baseUrl.addEventListener("input", clearFieldErrorOnInput("baseUrl"));
    els.userId.addEventListener("input", clearFieldErrorOnInput("userId"));
    els.accessToken.addEventListener("input", clearFieldErrorOnInput("accessToken"));
    els.models.addEventListener("input", clearFieldErrorOnInput("models"));
    // "change" too: autofill and some input methods do not fire "input".
    els.models.addEventListener("input", updateModelCount);
    els.models.addEventListener("change", updateModelCount);
    els.models.addEventListener("input", updateSuggestions);
    // A provider chosen from the key has not fetched its model list yet: the field asks for it.
    els.models.addEventListener("focus", () => loadCatalog(current()));
    els.models.addEventListener("keydown", onModelsKeydown);
    els.models.addEventListener("blur", closeSuggestions);
    els.models.addEventListener("click", closeSuggestions);
    els.balanceButton.addEventListener("click", onBalanceOnly);
    els.stopButton.addEventListener("click", stopCheck);
    // Leaving the page ends the check, so the server stops its probes too.
    window.addEventListener("pagehide", stopCheck);
    els.resetModels.addEventListener("click", () => {
      fillModels(current().default_models);
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
    loadSettings();
    // Minutes are shown, but a check every few seconds keeps the text right after sleep.
    setInterval(renderResetCountdown, 5000);
  }

  start();
})();
