/*
 * One small inline SVG chart of a balance over time, drawn here (no library). Everything is built
 * with createElementNS and attributes; text is only ever textContent of SVG <text> and <title>
 * nodes; colours come from app.css classes, never from a style attribute (the CSP forbids them).
 */

const SVG = "http://www.w3.org/2000/svg";
// Small, so that its labels stay readable when the chart is drawn about 250 px wide.
const WIDTH = 240;
const HEIGHT = 104;
const PAD = { left: 6, right: 6, top: 16, bottom: 20 };

function node(name, attributes = {}, text = null) {
  const element = document.createElementNS(SVG, name);
  for (const [key, value] of Object.entries(attributes)) {
    element.setAttribute(key, String(value));
  }
  if (text !== null) {
    element.textContent = text;
  }
  return element;
}

const round = (value) => Math.round(value * 10) / 10;

/**
 * The chart of `points` ({t, available}), oldest first. `options`: `label` (the chart's accessible
 * name), `formatAmount(n)`, `formatDate(t)`, and `trend` (the store's trend; its line is drawn
 * when falling).
 */
export function drawChart(points, options) {
  const svg = node("svg", {
    class: "bh-chart",
    viewBox: `0 0 ${WIDTH} ${HEIGHT}`,
    role: "img",
    focusable: "false",
  });
  const titleId = `bh-chart-title-${Math.random().toString(36).slice(2, 10)}`;
  svg.setAttribute("aria-labelledby", titleId);
  svg.append(node("title", { id: titleId }, options.label));

  const values = points.map((point) => point.available);
  let low = Math.min(...values);
  let high = Math.max(...values);
  if (high === low) {
    const pad = Math.abs(high) * 0.1 || 1;
    low -= pad;
    high += pad;
  }
  const first = points[0].t;
  const span = points[points.length - 1].t - first;
  const plotWidth = WIDTH - PAD.left - PAD.right;
  const plotHeight = HEIGHT - PAD.top - PAD.bottom;
  const x = (t) => round(span === 0 ? PAD.left + plotWidth / 2 : PAD.left + ((t - first) / span) * plotWidth);
  const y = (value) => round(PAD.top + ((high - value) / (high - low)) * plotHeight);

  // The frame: the plot's floor and ceiling as faint lines.
  svg.append(
    node("line", { class: "bh-grid", x1: PAD.left, x2: WIDTH - PAD.right, y1: PAD.top, y2: PAD.top }),
    node("line", {
      class: "bh-grid",
      x1: PAD.left,
      x2: WIDTH - PAD.right,
      y1: HEIGHT - PAD.bottom,
      y2: HEIGHT - PAD.bottom,
    }),
  );

  const trend = options.trend;
  if (trend && trend.kind === "falling" && span > 0) {
    // The fitted line across the points' span, through their centre of mass.
    const meanT = points.reduce((sum, point) => sum + point.t, 0) / points.length;
    const meanY = values.reduce((sum, value) => sum + value, 0) / values.length;
    const at = (t) => meanY + (trend.perDay * (t - meanT)) / 86400000;
    const clamp = (value) => Math.min(high, Math.max(low, value));
    svg.append(
      node("line", {
        class: "bh-trend",
        x1: x(first),
        y1: y(clamp(at(first))),
        x2: x(first + span),
        y2: y(clamp(at(first + span))),
      }),
    );
  }

  svg.append(
    node("polyline", {
      class: "bh-line",
      points: points.map((point) => `${x(point.t)},${y(point.available)}`).join(" "),
      fill: "none",
    }),
  );
  for (const point of points) {
    const dot = node("circle", { class: "bh-dot", cx: x(point.t), cy: y(point.available), r: 3 });
    dot.append(
      node("title", {}, `${options.formatDate(point.t)}: ${options.formatAmount(point.available)}`),
    );
    svg.append(dot);
  }

  // Labels: the highest amount at the top, the lowest at the bottom, the first and last dates below.
  const highest = Math.max(...values);
  const lowest = Math.min(...values);
  svg.append(node("text", { class: "bh-axis", x: PAD.left, y: PAD.top - 5 }, options.formatAmount(highest)));
  if (lowest !== highest) {
    svg.append(
      node(
        "text",
        { class: "bh-axis", x: PAD.left, y: HEIGHT - PAD.bottom - 4 },
        options.formatAmount(lowest),
      ),
    );
  }
  svg.append(node("text", { class: "bh-axis", x: PAD.left, y: HEIGHT - 5 }, options.formatDate(first)));
  if (span > 0) {
    svg.append(
      node(
        "text",
        { class: "bh-axis", x: WIDTH - PAD.right, y: HEIGHT - 5, "text-anchor": "end" },
        options.formatDate(first + span),
      ),
    );
  }
  return svg;
}
