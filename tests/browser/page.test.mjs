// End-to-end test of the page of `symdiff serve` in headless Chromium.
// run.sh starts the server and passes its address in SYMDIFF_URL;
// screenshots go to SCREENSHOTS (target/browser).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { chromium } from "playwright-core";

const url = process.env.SYMDIFF_URL;
const shots = process.env.SCREENSHOTS || "target/browser";
const executablePath = process.env.CHROMIUM || "/usr/bin/chromium";
assert.ok(url, "SYMDIFF_URL must name the running server");
mkdirSync(shots, { recursive: true });

let browser;

// Playwright starts Chromium with a fresh temporary profile (its own
// --user-data-dir) and removes it on close.
before(async () => {
  browser = await chromium.launch({
    executablePath,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
});

after(async () => {
  await browser?.close();
});

/** A new page at a desktop width that fails the test on any script error. */
async function open(width = 1000, height = 900) {
  const page = await browser.newPage({ viewport: { width, height } });
  const problems = [];
  page.on("pageerror", (e) => problems.push(e.message));
  page.on("console", (m) => m.type() === "error" && problems.push(m.text()));
  return { page, problems };
}

/** The visible text of rendered KaTeX, without KaTeX's spacing characters. */
async function typeset(page, selector) {
  const text = await page.locator(`${selector} .katex-html`).first().innerText();
  return text.replace(/[\s\u200b]/g, "");
}

test("one variable: x^x, its steps, the tangent, a wrong answer refused", async () => {
  const { page, problems } = await open();
  await page.goto(url);
  await page.locator("#expression").fill("");
  await page.locator("#expression").pressSequentially("x^x", { delay: 40 });

  // The live preview and the derivative, typeset by KaTeX.
  await page.locator("#preview .katex").waitFor();
  const derivative = page.locator("#derivative .katex");
  await derivative.waitFor();
  const source = await page.locator("#derivative annotation").textContent();
  assert.equal(source, String.raw`\frac{d}{dx}\left(x^{x}\right) = x^{x} \left(\ln\left(x\right) + 1\right)`);
  assert.match(await typeset(page, "#derivative"), /=xx\(ln\(x\)\+1\)$/);
  assert.match(await page.locator("#conditions").innerText(), /^where /);
  assert.equal(await page.locator("#conditions annotation").textContent(), "x > 0");

  // The URL holds the state.
  assert.match(page.url(), /\?expression=x%5Ex&variables=x&order=1&steps=0/);

  // Steps: switched on, then unfolded.
  await page.locator("#steps").check();
  await page.locator("#steps-section").waitFor({ state: "visible" });
  await page.locator("#steps-details > summary").click();
  const steps = page.locator("#steps-list");
  await steps.getByText("exponential rule").waitFor({ state: "visible" });
  await steps.locator("details > summary").first().click();
  await steps.getByText("product rule").waitFor({ state: "visible" });
  assert.match(page.url(), /steps=1/);

  // The range is set to 0..2.5 (Enter in a field redraws); a click on the
  // graph near x = 1 draws the tangent there, with the engine's slope
  // x^x (ln x + 1).
  const plot = page.locator("#plot");
  await plot.locator("path.curve.f").waitFor();
  await page.locator("#from").fill("0");
  await page.locator("#to").fill("2.5");
  await page.locator("#to").press("Enter");
  await page.waitForFunction(() => document.querySelector("#plot").dataset.to === "2.5");
  assert.match(page.url(), /from=0&to=2.5/);
  await plot.scrollIntoViewIfNeeded();
  const box = await plot.boundingBox();
  const scale = box.width / 640;
  const px = 48 + (1 / 2.5) * (640 - 48 - 12);
  await page.mouse.click(box.x + px * scale, box.y + box.height / 2);
  await plot.locator("line.tangent").waitFor();
  const info = await page.locator("#tangent-info").innerText();
  const m = info.match(/Tangent at x = ([-\d.e]+): f = ([-\d.e]+), slope f′ = ([-\d.e]+)/);
  assert.ok(m, `tangent text: ${info}`);
  const [a, fa, slope] = m.slice(1).map(Number);
  assert.ok(Math.abs(a - 1) < 0.05, `clicked near x = 1, got ${a}`);
  assert.ok(Math.abs(fa - a ** a) < 1e-3 * Math.max(1, fa) + 1e-3, `f(${a}) = ${fa}`);
  assert.ok(Math.abs(slope - a ** a * (Math.log(a) + 1)) < 2e-3, `f'(${a}) = ${slope}`);

  // A wrong answer is refused, with a point where it differs.
  await page.locator("#answer").fill("x^x*ln(x)");
  await page.locator("#answer").press("Enter");
  const verdict = page.locator("#check-result");
  await verdict.locator(".verdict").waitFor();
  assert.match(await verdict.innerText(), /Not equal/);
  assert.match(await verdict.innerText(), /At x = [-\d.]+ the derivative is [-\d.e]+, yours is [-\d.e]+/);
  await page.screenshot({ path: join(shots, "one-variable.png"), fullPage: true });
  // And the right one, written differently, is accepted.
  await page.locator("#answer").fill("x^x*ln(x) + x^x");
  await page.locator("#answer").press("Enter");
  await page.waitForFunction(() => document.querySelector("#check-result").classList.contains("right"));
  assert.match(await verdict.innerText(), /Correct/);
  assert.deepEqual(problems, []);
  await page.close();
});

test("two variables from a link: gradient and Hessian, with values at a point", async () => {
  const { page, problems } = await open();
  const link = "/?expression=" + encodeURIComponent("sin(x*y) + x^2*y") + "&variables=x&order=1&steps=0";
  await page.goto(new URL(link, url).href);
  // Nothing typed: the link alone reproduces the result.
  await page.locator("#derivative .katex").waitFor();
  assert.equal(
    await page.locator("#derivative annotation").textContent(),
    String.raw`\frac{d}{dx}\left(x^{2} y + \sin\left(x y\right)\right) = 2 x y + y \cos\left(x y\right)`
  );
  await page.locator("#hessian .katex").waitFor();
  const gradient = await page.locator("#gradient annotation").textContent();
  assert.equal(gradient, String.raw`\begin{pmatrix} 2 x y + y \cos\left(x y\right) \\ x^{2} + x \cos\left(x y\right) \end{pmatrix}`);
  assert.ok(await page.locator("#plot-section").isHidden());

  // Values at x = 0, y = 2: df/dx = 2xy + y cos(xy) = 2, df/dy = x^2 + x cos(xy) = 0.
  await page.locator('#point-inputs input[name="x"]').fill("0");
  await page.locator('#point-inputs input[name="y"]').fill("2");
  await page.locator('#point-inputs input[name="y"]').press("Enter");
  await page.waitForFunction(() => /x = 0, y = 2/.test(document.querySelector("#matrix-values").innerText));
  const values = await page.locator("#matrix-values annotation").allTextContents();
  assert.equal(values[0], String.raw`\begin{pmatrix} 2 \\ 0 \end{pmatrix}`);
  // d2f/dx2 = 2y - y^2 sin(xy) = 4, d2f/dxdy = 2x + cos(xy) - xy sin(xy) = 1, d2f/dy2 = -x^2 sin(xy) = 0.
  assert.equal(values[1], String.raw`\begin{pmatrix} 4 & 1 \\ 1 & 0 \end{pmatrix}`);

  await page.screenshot({ path: join(shots, "two-variables.png"), fullPage: true });
  assert.deepEqual(problems, []);
  await page.close();
});

test("a syntax error is underlined at its place with the command line's message", async () => {
  const { page } = await open();
  await page.goto(url);
  await page.locator("#expression").fill("sin(x) + $ + 1");
  const error = page.locator("#parse-error");
  await error.waitFor({ state: "visible" });
  assert.equal(await error.locator(".error-message").innerText(), "unexpected character '$'");
  assert.equal(await error.locator("mark").innerText(), "$");
  await page.close();
});

test("keyboard only: Tab reaches the controls, Enter differentiates", async () => {
  const { page } = await open();
  await page.goto(url);
  await page.locator("#expression").focus();
  await page.keyboard.type("sin(x)^2");
  await page.keyboard.press("Enter");
  await page.locator("#derivative .katex").waitFor();
  assert.match(await page.locator("#derivative annotation").textContent(), /= \\sin\\left\(2 x\\right\)$/);
  const order = [];
  for (let i = 0; i < 4; i++) {
    await page.keyboard.press("Tab");
    order.push(await page.evaluate(() => document.activeElement.id));
  }
  // The variable menu is disabled while there is one variable to choose.
  assert.deepEqual(order, ["go", "order", "steps", "copy-text"]);
  await page.close();
});

test("readable at phone width: nothing wider than the screen", async () => {
  const { page } = await open(390, 844);
  await page.goto(new URL("/?expression=" + encodeURIComponent("exp(-x^2/2)/sqrt(2*pi)") + "&steps=1", url).href);
  await page.locator("#derivative .katex").waitFor();
  await page.locator("#plot path.curve.f").waitFor();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 0, `the page is ${overflow}px wider than the screen`);
  await page.screenshot({ path: join(shots, "phone.png"), fullPage: true });
  await page.close();
});
