// The page of `symdiff serve`: every number and formula comes from the
// server's JSON API; this script only asks, typesets (KaTeX) and draws.
"use strict";

const $ = (id) => document.getElementById(id);

// ---- talking to the server ------------------------------------------------

/** POSTs `body` to `/api/<name>`; resolves to {ok, data}. */
async function api(name, body) {
  try {
    const response = await fetch("/api/" + name, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(body),
    });
    const data = await response.json();
    return { ok: response.ok, data };
  } catch (e) {
    return { ok: false, data: { error: "the server cannot be reached (" + e.message + ")", span: null } };
  }
}

/** A function that runs `f` `ms` after the last call. */
function debounce(f, ms) {
  let timer = null;
  return (...args) => {
    clearTimeout(timer);
    timer = setTimeout(() => f(...args), ms);
  };
}

/** Each call's answer is used only if no later call has started. */
function latest() {
  let counter = 0;
  return () => {
    const mine = ++counter;
    return () => mine === counter;
  };
}

function tex(element, latex, display) {
  if (!window.katex) {
    element.textContent = latex;
    return;
  }
  katex.render(latex, element, { throwOnError: false, displayMode: !!display });
}

/** The UTF-16 index in `text` of UTF-8 byte offset `bytes` (the server's spans count bytes). */
function charIndex(text, bytes) {
  let used = 0;
  let i = 0;
  for (const ch of text) {
    if (used >= bytes) break;
    const code = ch.codePointAt(0);
    used += code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
    i += ch.length;
  }
  return i;
}

/** Shows `error` about `text` in `box`: the message, and the text with the span underlined. */
function showError(box, error, text) {
  box.hidden = false;
  const message = box.querySelector(".error-message") || box;
  message.textContent = error.error;
  const shown = box.querySelector(".error-input");
  if (!shown) return;
  shown.textContent = "";
  if (!error.span || text === undefined) {
    shown.hidden = true;
    return;
  }
  shown.hidden = false;
  const start = charIndex(text, error.span[0]);
  const end = Math.max(charIndex(text, error.span[1]), start);
  const mark = document.createElement("mark");
  mark.textContent = text.slice(start, end) || " ";
  shown.append(text.slice(0, start), mark, text.slice(end));
}

// ---- the state, kept in the URL ---------------------------------------------

const state = {
  expression: "",
  variables: [], // the free variables of the expression
  variable: "",
  order: 1,
  steps: false,
  from: -5,
  to: 5,
  tangent: null,
};

function readUrl() {
  const q = new URLSearchParams(location.search);
  state.expression = q.get("expression") || "";
  state.variable = (q.get("variables") || "").split(",")[0].trim();
  state.order = Math.max(1, parseInt(q.get("order") || "1", 10) || 1);
  state.steps = q.get("steps") === "1" || q.get("steps") === "true";
  const from = parseFloat(q.get("from"));
  const to = parseFloat(q.get("to"));
  if (isFinite(from) && isFinite(to) && from < to) {
    state.from = from;
    state.to = to;
  }
  const at = parseFloat(q.get("at"));
  state.tangent = isFinite(at) ? at : null;
  $("expression").value = state.expression;
  $("order").value = state.order;
  $("steps").checked = state.steps;
  $("from").value = state.from;
  $("to").value = state.to;
}

function writeUrl() {
  const q = new URLSearchParams();
  if (state.expression) q.set("expression", state.expression);
  if (state.variable) q.set("variables", state.variable);
  q.set("order", String(state.order));
  q.set("steps", state.steps ? "1" : "0");
  if (state.from !== -5 || state.to !== 5) {
    q.set("from", String(state.from));
    q.set("to", String(state.to));
  }
  if (state.tangent !== null) q.set("at", String(round(state.tangent)));
  const url = "/?" + q.toString();
  if (url !== location.pathname + location.search) history.replaceState(null, "", url);
}

function round(x) {
  return Math.round(x * 1e4) / 1e4;
}

// ---- input and live preview ------------------------------------------------

const parseTurn = latest();

async function preview() {
  const text = $("expression").value;
  state.expression = text;
  const current = parseTurn();
  if (!text.trim()) {
    $("preview").textContent = "";
    $("parse-error").hidden = true;
    hideResults();
    writeUrl();
    return;
  }
  const { ok, data } = await api("parse", { expression: text });
  if (!current()) return;
  if (!ok) {
    $("preview").classList.add("stale");
    showError($("parse-error"), data, text);
    return;
  }
  $("preview").classList.remove("stale");
  $("parse-error").hidden = true;
  tex($("preview"), data.latex, true);
  setVariables(data.variables);
  differentiate();
}

function setVariables(names) {
  state.variables = names;
  const select = $("variable");
  if (!names.includes(state.variable)) state.variable = names[0] || "";
  const same = select.options.length === names.length && names.every((n, i) => select.options[i].value === n);
  if (!same) {
    select.textContent = "";
    for (const n of names) select.append(new Option(n, n));
  }
  select.value = state.variable;
  select.disabled = names.length < 2;
}

// ---- the derivative --------------------------------------------------------

const deriveTurn = latest();
let shown = null; // the last answer shown: {derivative, latex}

async function differentiate() {
  const current = deriveTurn();
  state.order = Math.min(20, Math.max(1, parseInt($("order").value, 10) || 1));
  state.steps = $("steps").checked;
  writeUrl();
  if (!state.expression.trim()) return;
  const request = { expression: state.expression, order: state.order, steps: state.steps, conditions: true };
  if (state.variable) request.variables = [state.variable];
  const { ok, data } = await api("derivative", request);
  if (!current()) return;
  $("result").hidden = false;
  if (!ok) {
    shown = null;
    $("derivative").textContent = "";
    $("conditions").textContent = "";
    $("notes").textContent = "";
    showError($("result-error"), data);
    $("steps-section").hidden = true;
    $("plot-section").hidden = true;
    $("check-section").hidden = true;
    $("matrix-section").hidden = state.variables.length < 2;
    return;
  }
  $("result-error").hidden = true;
  shown = data;
  const v = state.variable;
  const d = state.order === 1 ? `\\frac{d}{d${v}}` : `\\frac{d^{${state.order}}}{d${v}^{${state.order}}}`;
  tex($("derivative"), `${d}\\left(${data.expression_latex}\\right) = ${data.latex}`, true);
  const conditions = $("conditions");
  conditions.textContent = "";
  if (data.where) {
    const math = document.createElement("span");
    tex(math, data.where_latex);
    conditions.append("where ", math);
  }
  const notes = $("notes");
  notes.textContent = "";
  for (const n of data.notes || []) {
    const p = document.createElement("p");
    p.textContent = "note: " + n.message;
    notes.append(p);
  }
  showSteps(data.steps);
  $("check-section").hidden = false;
  $("check-result").textContent = "";
  if (state.variables.length === 1) {
    $("plot-section").hidden = false;
    $("matrix-section").hidden = true;
    drawPlot();
  } else {
    $("plot-section").hidden = true;
    showMatrices();
  }
}

function hideResults() {
  for (const id of ["result", "steps-section", "plot-section", "matrix-section", "check-section"]) $(id).hidden = true;
}

// ---- steps, folded by level ------------------------------------------------

/**
 * The steps as a tree: the server lists inner pieces first, so each step's
 * children are the deeper steps listed just before it.
 */
function stepTree(steps) {
  const pending = [];
  for (const step of steps) {
    const node = { step, children: [] };
    while (pending.length && pending[pending.length - 1].step.depth > step.depth) {
      node.children.unshift(pending.pop());
    }
    pending.push(node);
  }
  return pending;
}

function showSteps(steps) {
  const section = $("steps-section");
  if (!state.steps) {
    section.hidden = true;
    return;
  }
  section.hidden = false;
  const list = $("steps-list");
  list.textContent = "";
  if (!steps) {
    $("steps-count").textContent = "(shown for a first derivative by one variable)";
    return;
  }
  $("steps-count").textContent = `(${steps.length})`;
  const v = state.variable;
  const render = (nodes, into) => {
    for (const { step, children } of nodes) {
      const li = document.createElement("li");
      const rule = document.createElement("div");
      rule.className = "rule";
      const name = document.createElement("strong");
      name.textContent = step.label;
      rule.append(name);
      if (step.formula) {
        const formula = document.createElement("code");
        formula.textContent = step.formula;
        rule.append(" ", formula);
      }
      if (step.inner_latex) {
        const u = document.createElement("span");
        tex(u, "u = " + step.inner_latex);
        rule.append(", chain rule with ", u);
      }
      const equation = document.createElement("div");
      equation.className = "equation";
      const left = step.derivative ? `\\frac{d}{d${v}}\\left(${step.before_latex}\\right)` : step.before_latex;
      tex(equation, `${left} = ${step.after_latex}`, true);
      li.append(rule, equation);
      if (children.length) {
        const details = document.createElement("details");
        const summary = document.createElement("summary");
        summary.textContent = children.length === 1 ? "1 inner step" : `${children.length} inner steps`;
        const inner = document.createElement("ol");
        render(children, inner);
        details.append(summary, inner);
        li.append(details);
      }
      into.append(li);
    }
  };
  render(stepTree(steps), list);
}

// ---- copy buttons ----------------------------------------------------------

async function copy(text) {
  try {
    await navigator.clipboard.writeText(text);
  } catch {
    const area = document.createElement("textarea");
    area.value = text;
    document.body.append(area);
    area.select();
    document.execCommand("copy");
    area.remove();
  }
  $("copied").textContent = "Copied";
  setTimeout(() => ($("copied").textContent = ""), 1500);
}

// ---- the plot ----------------------------------------------------------------

const W = 640;
const H = 400;
const PAD = { left: 48, right: 12, top: 12, bottom: 28 };
const plotTurn = latest();
let plotData = null;

async function drawPlot() {
  const current = plotTurn();
  const request = {
    expression: state.expression,
    variables: [state.variable],
    from: state.from,
    to: state.to,
    points: 401,
    order: 1,
  };
  if (state.tangent !== null) request.tangent = state.tangent;
  const { ok, data } = await api("plot", request);
  if (!current()) return;
  if (!ok) {
    $("plot").textContent = "";
    $("tangent-info").textContent = data.error;
    return;
  }
  plotData = data;
  render();
}

/** y bounds from the values between their 2nd and 98th percentiles, so a pole does not flatten the rest. */
function yBounds(series) {
  const values = series.flatMap((s) => s.values).filter((v) => v !== null && isFinite(v)).sort((a, b) => a - b);
  if (!values.length) return [-1, 1];
  let lo = values[Math.floor(values.length * 0.02)];
  let hi = values[Math.ceil(values.length * 0.98) - 1];
  if (hi - lo < 1e-9) {
    lo -= 1;
    hi += 1;
  }
  const pad = (hi - lo) * 0.08;
  return [lo - pad, hi + pad];
}

function ticks(lo, hi, count) {
  const step0 = (hi - lo) / count;
  const mag = Math.pow(10, Math.floor(Math.log10(step0)));
  const step = [1, 2, 5, 10].map((m) => m * mag).find((s) => s >= step0) || step0;
  const out = [];
  for (let t = Math.ceil(lo / step) * step; t <= hi + 1e-12; t += step) out.push(Math.abs(t) < step * 1e-9 ? 0 : t);
  return out;
}

function svg(name, attributes, parent) {
  const e = document.createElementNS("http://www.w3.org/2000/svg", name);
  for (const [k, v] of Object.entries(attributes)) e.setAttribute(k, v);
  if (parent) parent.append(e);
  return e;
}

function render() {
  const data = plotData;
  const plot = $("plot");
  plot.textContent = "";
  const [ylo, yhi] = yBounds(data.series);
  const sx = (x) => PAD.left + ((x - data.from) / (data.to - data.from)) * (W - PAD.left - PAD.right);
  const sy = (y) => PAD.top + ((yhi - y) / (yhi - ylo)) * (H - PAD.top - PAD.bottom);
  plot.dataset.from = data.from;
  plot.dataset.to = data.to;
  const grid = svg("g", { class: "grid" }, plot);
  for (const t of ticks(data.from, data.to, 8)) {
    svg("line", { x1: sx(t), x2: sx(t), y1: PAD.top, y2: H - PAD.bottom }, grid);
    svg("text", { x: sx(t), y: H - PAD.bottom + 16, "text-anchor": "middle" }, grid).textContent = fmt(t);
  }
  for (const t of ticks(ylo, yhi, 6)) {
    svg("line", { x1: PAD.left, x2: W - PAD.right, y1: sy(t), y2: sy(t) }, grid);
    svg("text", { x: PAD.left - 6, y: sy(t) + 4, "text-anchor": "end" }, grid).textContent = fmt(t);
  }
  const axes = svg("g", { class: "axes" }, plot);
  if (ylo < 0 && yhi > 0) svg("line", { x1: PAD.left, x2: W - PAD.right, y1: sy(0), y2: sy(0) }, axes);
  if (data.from < 0 && data.to > 0) svg("line", { x1: sx(0), x2: sx(0), y1: PAD.top, y2: H - PAD.bottom }, axes);
  svg("clipPath", { id: "inside" }, plot).append(
    svg("rect", { x: PAD.left, y: PAD.top, width: W - PAD.left - PAD.right, height: H - PAD.top - PAD.bottom })
  );
  const curves = svg("g", { "clip-path": "url(#inside)" }, plot);
  const classes = ["f", "df"];
  data.series.forEach((s, k) => {
    let d = "";
    let pen = false;
    const span = yhi - ylo;
    s.values.forEach((y, i) => {
      // A gap where there is no value or the curve leaves the view far (a pole).
      if (y === null || !isFinite(y) || y > yhi + 10 * span || y < ylo - 10 * span) {
        pen = false;
        return;
      }
      d += (pen ? "L" : "M") + sx(data.x[i]).toFixed(2) + " " + sy(y).toFixed(2);
      pen = true;
    });
    svg("path", { d, class: "curve " + (classes[k] || "f") }, curves);
  });
  const t = data.tangent;
  const info = $("tangent-info");
  if (t && !t.error) {
    const y = (x) => t.value + t.slope * (x - t.at);
    svg("line", { x1: sx(data.from), y1: sy(y(data.from)), x2: sx(data.to), y2: sy(y(data.to)), class: "tangent" }, curves);
    svg("circle", { cx: sx(t.at), cy: sy(t.value), r: 5, class: "touch" }, curves);
    info.textContent = "";
    const eq = document.createElement("span");
    tex(eq, t.equation.replace(/\*/g, " "));
    info.append(`Tangent at ${data.variable} = ${fmt(t.at)}: f = ${fmt(t.value)}, slope f′ = ${fmt(t.slope)}; `, eq);
    plot.dataset.tangent = t.equation;
  } else if (t) {
    svg("line", { x1: sx(t.at), x2: sx(t.at), y1: PAD.top, y2: H - PAD.bottom, class: "no-tangent" }, curves);
    info.textContent = `No tangent at ${data.variable} = ${fmt(t.at)}: ${t.error}`;
    delete plot.dataset.tangent;
  }
}

function fmt(x) {
  if (x === null || !isFinite(x)) return String(x);
  return Math.abs(x) >= 1e5 || (Math.abs(x) < 1e-3 && x !== 0) ? x.toExponential(2) : String(round(x));
}

/** The x of a pointer event on the plot. */
function plotX(event) {
  const plot = $("plot");
  const box = plot.getBoundingClientRect();
  const px = ((event.clientX - box.left) / box.width) * W;
  const from = plotData.from;
  const to = plotData.to;
  const x = from + ((px - PAD.left) / (W - PAD.left - PAD.right)) * (to - from);
  return Math.min(to, Math.max(from, x));
}

const throttledTangent = (() => {
  let busy = false;
  let queued = null;
  return async function move(x) {
    queued = x;
    if (busy) return;
    busy = true;
    while (queued !== null) {
      state.tangent = queued;
      queued = null;
      writeUrl();
      await drawPlot();
    }
    busy = false;
  };
})();

function setupPlot() {
  const plot = $("plot");
  let dragging = false;
  plot.addEventListener("pointerdown", (e) => {
    if (!plotData) return;
    dragging = true;
    plot.setPointerCapture(e.pointerId);
    throttledTangent(plotX(e));
  });
  plot.addEventListener("pointermove", (e) => {
    if (dragging && plotData) throttledTangent(plotX(e));
  });
  plot.addEventListener("pointerup", () => (dragging = false));
  plot.addEventListener("keydown", (e) => {
    if (!plotData || !["ArrowLeft", "ArrowRight", "Enter", " "].includes(e.key)) return;
    e.preventDefault();
    const step = (plotData.to - plotData.from) / 50;
    const at = state.tangent === null ? (plotData.from + plotData.to) / 2 : state.tangent;
    const next = e.key === "ArrowLeft" ? at - step : e.key === "ArrowRight" ? at + step : at;
    throttledTangent(Math.min(plotData.to, Math.max(plotData.from, next)));
  });
  const replot = () => {
    const from = parseFloat($("from").value);
    const to = parseFloat($("to").value);
    if (!(isFinite(from) && isFinite(to) && from < to)) {
      $("tangent-info").textContent = "The range needs a smaller “from” than “to”.";
      return;
    }
    state.from = from;
    state.to = to;
    if (state.tangent !== null && (state.tangent < from || state.tangent > to)) state.tangent = null;
    writeUrl();
    drawPlot();
  };
  $("replot").addEventListener("click", replot);
  for (const id of ["from", "to"]) {
    $(id).addEventListener("keydown", (e) => {
      if (e.key === "Enter") {
        e.preventDefault();
        replot();
      }
    });
  }
}

// ---- several variables: gradient and Hessian ------------------------------

const matrixTurn = latest();

async function showMatrices() {
  const current = matrixTurn();
  const section = $("matrix-section");
  section.hidden = false;
  const inputs = $("point-inputs");
  const names = state.variables;
  if ([...inputs.querySelectorAll("input")].map((i) => i.name).join() !== names.join()) {
    inputs.textContent = "";
    for (const n of names) {
      const label = document.createElement("label");
      const input = document.createElement("input");
      input.type = "text";
      input.name = n;
      input.value = "1";
      input.size = 5;
      input.setAttribute("aria-label", "value of " + n);
      label.append(n + " = ", input);
      inputs.append(label);
    }
  }
  const at = {};
  for (const input of inputs.querySelectorAll("input")) at[input.name] = input.value.trim() || "0";
  const [gradient, hessian] = await Promise.all([
    api("matrix", { kind: "gradient", expression: state.expression, variables: names, at }),
    api("matrix", { kind: "hessian", expression: state.expression, variables: names, at }),
  ]);
  if (!current()) return;
  const values = $("matrix-values");
  values.textContent = "";
  for (const [{ ok, data }, id, title] of [
    [gradient, "gradient", "∇f"],
    [hessian, "hessian", "H"],
  ]) {
    if (!ok) {
      $(id).textContent = data.error;
      continue;
    }
    tex($(id), data.latex, true);
    const box = document.createElement("div");
    const where = Object.entries(data.value.at)
      .map(([k, v]) => `${k} = ${fmt(v)}`)
      .join(", ");
    if (data.value.error) {
      box.textContent = `${title} at ${where}: ${data.value.error}`;
      box.className = "error";
    } else {
      const h = document.createElement("h3");
      h.textContent = `${title} at ${where}`;
      const m = document.createElement("div");
      m.className = "display";
      tex(m, data.value.latex, true);
      box.append(h, m);
    }
    values.append(box);
  }
}

// ---- check my answer -------------------------------------------------------

async function checkAnswer() {
  const answer = $("answer").value;
  const out = $("check-result");
  out.className = "check-result";
  if (!answer.trim()) {
    out.textContent = "Type your derivative first.";
    return;
  }
  const request = { expression: state.expression, answer, order: state.order };
  if (state.variable) request.variables = [state.variable];
  const { ok, data } = await api("check", request);
  out.textContent = "";
  if (!ok) {
    out.classList.add("wrong");
    const box = document.createElement("div");
    box.innerHTML = '<div class="error-message"></div><code class="error-input"></code>';
    showError(box, data, data.field === "answer" ? answer : undefined);
    out.append(box);
    return;
  }
  // The engine's verdict: equal, equal where (conditions), not equal (a
  // point with both values), or undecided (with the reason).
  const verdict = document.createElement("p");
  verdict.className = "verdict";
  out.append(verdict);
  const detail = document.createElement("p");
  if (data.equal) {
    out.classList.add("right");
    verdict.textContent = "✓ Correct: your answer is the derivative.";
    if (data.where.length) detail.textContent = "They agree where " + data.where.join(", ") + ".";
  } else if (data.verdict === "not equal") {
    out.classList.add("wrong");
    verdict.textContent = "✗ Not equal to the derivative.";
    const where = Object.entries(data.point)
      .map(([k, v]) => `${k} = ${fmt(v)}`)
      .join(", ");
    detail.textContent = `At ${where} the derivative is ${fmt(data.expected)}, yours is ${fmt(data.answer)}.`;
  } else {
    out.classList.add("unsure");
    verdict.textContent = "? Cannot tell.";
    detail.textContent = data.reason;
  }
  if (detail.textContent) out.append(detail);
}

// ---- wiring ------------------------------------------------------------------

function start() {
  readUrl();
  setupPlot();
  const live = debounce(preview, 200);
  $("expression").addEventListener("input", () => {
    state.tangent = null;
    live();
  });
  $("form").addEventListener("submit", (e) => {
    e.preventDefault();
    preview();
  });
  $("variable").addEventListener("change", () => {
    state.variable = $("variable").value;
    differentiate();
  });
  $("order").addEventListener("change", differentiate);
  $("steps").addEventListener("change", differentiate);
  $("copy-text").addEventListener("click", () => shown && copy(shown.derivative));
  $("copy-latex").addEventListener("click", () => shown && copy(shown.latex));
  $("point-form").addEventListener("submit", (e) => {
    e.preventDefault();
    showMatrices();
  });
  $("check-form").addEventListener("submit", (e) => {
    e.preventDefault();
    checkAnswer();
  });
  if (state.expression) preview();
}

document.addEventListener("DOMContentLoaded", start);
