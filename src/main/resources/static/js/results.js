/*
 * Results: buttons' busy states, the summary, progress, the rows table and the reset countdown.
 */
import { renderAccount } from "./balances.js";
import { hasSeedNumber, latencyCell, quotaCell, shareCell, shownWindows, statusCell, windowList } from "./cells.js";
import { count, el } from "./dom.js";
import { locale, message, t } from "./i18n.js";
import { can, current, modeOf, modeText, offersBalanceOnly, providerName, takes } from "./providers.js";
import { splitModel } from "./recent.js";
import { SORT_KEYS, els, runtime, state } from "./state.js";

/* ---------- busy and rate-limited states of the buttons ---------- */

export function isBusy() {
  return state.busyKind !== null;
}

export function setBusy(kind) {
  state.busyKind = kind;
  renderButton();
  renderResults();
}

export function retrySecondsLeft() {
  return Math.max(0, Math.ceil((state.retryUntil - Date.now()) / 1000));
}

/** After a 429 the button counts down the server's Retry-After instead of inviting a retry. */
export function startRetryCountdown(header) {
  const seconds = Number.parseInt(header, 10);
  if (!(seconds > 0)) {
    return;
  }
  state.retryUntil = Date.now() + seconds * 1000;
  clearInterval(runtime.retryTimer);
  runtime.retryTimer = setInterval(() => {
    if (retrySecondsLeft() === 0) {
      clearInterval(runtime.retryTimer);
    }
    renderButton();
  }, 1000);
  renderButton();
}

export function renderButton() {
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

export function checkText(mode) {
  const keys = { probe: "check", list: "checkKey", balance: "checkBalance", account: "checkKey" };
  return t(keys[mode] || "checkAny");
}

export function checkingText(report) {
  if (report.mode === "balance") {
    return t("readingBalance");
  }
  if (report.mode === "account") {
    return t("checkingKey");
  }
  return report.growing ? t("checkingKey") : t("checking", report.rows.length);
}

/* ---------- results ---------- */

export function renderResults() {
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

export function emptyTextFor(provider) {
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
export function renderRows(rows) {
  const elements = sortedRows(rows).map((row) => {
    let tr = runtime.rowElements.get(row);
    if (!tr) {
      tr = resultRow(row);
      if (isBusy() && !row.local) {
        // A row that just arrived lights up once, so the eye finds it.
        tr.classList.add("row-arrived");
        tr.addEventListener("animationend", () => tr.classList.remove("row-arrived"), {
          once: true,
        });
      }
      runtime.rowElements.set(row, tr);
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
export function renderProgress() {
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
export function renderSummary() {
  const report = state.report;
  els.summary.replaceChildren();
  els.summary.className = "summary";
  if (!report || isBusy() || (!report.summary && !report.ended)) {
    return;
  }
  const rows = report.rows;
  // Which statuses count as working is the server's rule: each row says so (succeeded).
  const working = rows.filter((row) => row.succeeded === true).length;
  const summary = report.summary;
  els.summary.classList.add(summary?.success ? "summary-good" : "summary-warn");
  // Said in the page's language from the report's numbers, never the server's (Chinese) message.
  const said = summaryText(summary);
  if (said) {
    els.summary.append(el("span", "summary-message", said));
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

/** The summary line's sentence from its numbers; null when the server sent none. */
export function summaryText(summary) {
  if (typeof summary?.balance_only !== "boolean") {
    return null;
  }
  if (summary.balance_only) {
    return t(summary.balance_read ? "summaryBalanceRead" : "summaryBalanceFailed");
  }
  const total = count(summary.models_total);
  const succeeded = count(summary.models_succeeded);
  return total === null || succeeded === null ? null : t("summaryModels", succeeded, total);
}

/* ---------- countdown to a daily reset ---------- */

/**
 * Keeps the next reset the server named for a provider (`resets_at`, an ISO time with the
 * provider's offset, e.g. 2025-01-02T00:00:00+08:00), with that wall-clock time for the title.
 */
export function rememberReset(id, resetsAt) {
  const at = new Date(typeof resetsAt === "string" ? resetsAt : NaN);
  if (!id || Number.isNaN(at.getTime())) {
    return;
  }
  const parts = /T(\d{2}:\d{2})(?::[\d.]+)?(Z|[+-]\d{2}:\d{2})$/.exec(resetsAt);
  const wallClock = parts ? `${parts[1]} UTC${parts[2] === "Z" ? "" : parts[2]}` : null;
  state.resets.set(id, { at, wallClock });
}

/** Counts down to the reset the server named; the page computes none of its own. */
export function renderResetCountdown() {
  // Only a provider with a daily reset has one, and only once the server has said when.
  const provider = current();
  const known = can(provider, "daily_reset") ? state.resets.get(provider.id) : undefined;
  els.resetCountdown.hidden = known === undefined;
  if (known === undefined) {
    return;
  }
  // The server names the next reset; once it has passed, the countdown waits for the next answer.
  const reset = known.at;
  const left = reset.getTime() - Date.now();
  if (left <= 0) {
    els.resetCountdown.hidden = true;
    return;
  }
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
export function sortedRows(rows) {
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
export function compareValues(a, b, direction) {
  if (a === null || b === null) {
    return a === b ? 0 : a === null ? 1 : -1;
  }
  if (typeof a === "string") {
    return direction * a.localeCompare(b, locale(), { numeric: true, sensitivity: "base" });
  }
  return direction * (a - b);
}

export function onSort(column) {
  state.sort =
    state.sort.key === column
      ? { key: column, ascending: !state.sort.ascending }
      : { key: column, ascending: true };
  renderResults();
}

export function renderSortHeaders() {
  for (const th of els.sortHeaders) {
    if (th.dataset.sort === state.sort.key) {
      th.setAttribute("aria-sort", state.sort.ascending ? "ascending" : "descending");
    } else {
      th.removeAttribute("aria-sort");
    }
  }
}

export function resultRow(row) {
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
export function pendingRow(tr, row) {
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

export function placeholderCell(className, labelKey) {
  const td = cell(className, labelKey);
  const bar = el("span", "skeleton");
  bar.setAttribute("aria-hidden", "true");
  td.append(bar);
  return td;
}

/** A cell that knows its column name, shown as a label when rows become cards on phones. */
export function cell(className, labelKey) {
  const td = el("td", className);
  td.dataset.label = t(labelKey);
  return td;
}

export function modelCell(row) {
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
