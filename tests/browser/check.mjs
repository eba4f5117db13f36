// Checks a published disclosure log in headless Chromium, driven through chromedriver's
// WebDriver API, at 1100 and at 390 pixels wide: axe-core must find no WCAG 2.2 AA
// violation on the index, the statistics page, the accessibility statement and a response
// page; no page may scroll sideways (at 390 px that is WCAG 1.4.10 reflow); the skip link must be
// the first thing the keyboard reaches and show the yellow focus style; and at both widths
// the index's filter box must narrow the table and its column headings sort it.
//
//   node check.mjs SITE_DIR FILTER_TEXT EXPECTED_ROWS RESPONSE_PAGE
//
// Prints what it checked; exits 1 on any failure. Needs chromium and chromedriver (Debian
// packages `chromium`, `chromium-driver`) and `npm ci` in this folder for axe-core.

import { spawn } from "node:child_process";
import { createReadStream, existsSync, readFileSync, statSync } from "node:fs";
import { createServer } from "node:http";
import { createRequire } from "node:module";
import { extname, join, normalize, resolve } from "node:path";

const [siteDir, filterText, expectedRows, responsePage] = process.argv.slice(2);
if (!siteDir || !filterText || !expectedRows || !responsePage) {
  console.error("usage: node check.mjs SITE_DIR FILTER_TEXT EXPECTED_ROWS RESPONSE_PAGE");
  process.exit(2);
}
const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
const chromium = process.env.CHROMIUM || "/usr/bin/chromium";
const chromedriver = process.env.CHROMEDRIVER || "/usr/bin/chromedriver";
const failures = [];

// The site, served over HTTP as Pages would serve it.
const types = { ".html": "text/html; charset=utf-8", ".json": "application/json", ".csv": "text/csv", ".atom": "application/atom+xml", ".md": "text/markdown" };
const root = resolve(siteDir);
const server = createServer((request, response) => {
  const path = normalize(join(root, decodeURIComponent(new URL(request.url, "http://x").pathname)));
  const file = path.endsWith("/") ? join(path, "index.html") : path;
  if (!file.startsWith(root) || !existsSync(file) || !statSync(file).isFile()) {
    response.writeHead(404).end("not found");
    return;
  }
  response.writeHead(200, { "content-type": types[extname(file)] || "application/octet-stream" });
  createReadStream(file).pipe(response);
});
await new Promise((done) => server.listen(0, "127.0.0.1", done));
const site = `http://127.0.0.1:${server.address().port}`;

// chromedriver on a free port.
const driverPort = 20000 + Math.floor(Math.random() * 20000);
const driver = spawn(chromedriver, [`--port=${driverPort}`], { stdio: "ignore" });
const base = `http://127.0.0.1:${driverPort}`;

async function call(method, path, body) {
  const response = await fetch(base + path, {
    method,
    headers: { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const data = await response.json();
  if (!response.ok || (data.value && data.value.error)) {
    throw new Error(`${method} ${path}: ${JSON.stringify(data.value)}`);
  }
  return data.value;
}

async function waitForDriver() {
  for (let attempt = 0; attempt < 100; attempt += 1) {
    try {
      const status = await call("GET", "/status");
      if (status.ready) return;
    } catch (_) {
      // not up yet
    }
    await new Promise((done) => setTimeout(done, 100));
  }
  throw new Error("chromedriver did not start");
}

let session;
try {
  await waitForDriver();
  const created = await call("POST", "/session", {
    capabilities: {
      alwaysMatch: {
        browserName: "chrome",
        "goog:chromeOptions": {
          binary: chromium,
          args: [
            "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--window-size=1100,900",
          ],
        },
      },
    },
  });
  session = created.sessionId;
  const run = (path, body) => call("POST", `/session/${session}${path}`, body);

  const script = (source) => run("/execute/sync", { script: source, args: [] });

  // Sets the viewport (not the window) to `width` CSS pixels.
  async function resize(width) {
    await run("/window/rect", { width, height: 900 });
    const inner = await script("return window.innerWidth;");
    if (inner !== width) {
      await run("/window/rect", { width: width + (width - inner), height: 900 });
    }
    const now = await script("return window.innerWidth;");
    if (now !== width) {
      throw new Error(`could not make the viewport ${width} px wide (it is ${now} px)`);
    }
  }

  async function audit(page, width) {
    await run("/url", { url: `${site}/${page}` });
    await run("/execute/sync", { script: `${axeSource}; return true;`, args: [] });
    const result = await run("/execute/async", {
      script: `const done = arguments[arguments.length - 1];
        axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"] } })
          .then((r) => done({ violations: r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => n.target.join(" ")) })), passes: r.passes.length, incomplete: r.incomplete.map((v) => v.id + " (" + v.nodes.map((n) => n.target.join(" ")).join("; ") + ")") }))
          .catch((e) => done({ error: String(e) }));`,
      args: [],
    });
    if (result.error) {
      failures.push(`${page} at ${width} px: axe failed: ${result.error}`);
    } else if (result.violations.length) {
      for (const v of result.violations) {
        failures.push(`${page} at ${width} px: ${v.id} (${v.impact}): ${v.help} at ${v.nodes.join(", ")}`);
      }
    } else {
      const review = result.incomplete.length ? `; for review by hand: ${result.incomplete.join(", ")}` : "";
      console.log(`${page} at ${width} px: no WCAG 2.2 AA violations (${result.passes} rules passed${review})`);
    }
    {
      const sizes = await script("return [document.documentElement.scrollWidth, document.documentElement.clientWidth];");
      if (sizes[0] > sizes[1]) {
        const wide = await script(`return Array.from(document.querySelectorAll("body *"))
          .filter((e) => e.getBoundingClientRect().right > document.documentElement.clientWidth + 0.5)
          .slice(0, 5).map((e) => e.tagName.toLowerCase() + (e.className ? "." + e.className : "")).join(", ");`);
        failures.push(`${page} at ${width} px: scrolls sideways (${sizes[0]} px of content in ${sizes[1]} px): ${wide}`);
      } else {
        console.log(`${page} at ${width} px: no horizontal scroll (${sizes[0]} px in ${sizes[1]} px)`);
      }
    }
  }

  // The first Tab reaches the skip link, which shows GOV.UK's yellow focus style.
  async function skipLink(width) {
    await run("/url", { url: `${site}/index.html` });
    // On a loaded machine the window may not have keyboard focus yet when the first key is
    // sent, and the Tab is lost (focus stays on the body): send it again then, but only
    // then, so a page whose first stop is something else still fails.
    let focused;
    for (let attempt = 0; attempt < 3; attempt += 1) {
      await run("/actions", { actions: [{ type: "key", id: "keyboard", actions: [{ type: "keyDown", value: "\uE004" }, { type: "keyUp", value: "\uE004" }] }] });
      focused = await script(`const e = document.activeElement; const s = getComputedStyle(e); const r = e.getBoundingClientRect();
        return { body: e === document.body, text: e.textContent, background: s.backgroundColor, visible: r.top >= 0 && r.bottom > 0 && r.width > 0 };`);
      if (!focused.body) { break; }
      await run("/actions", { actions: [] }).catch(() => {});
      await run("/url", { url: `${site}/index.html` });
    }
    await run("/actions", { actions: [] }).catch(() => {});
    if (focused.text !== "Skip to main content" || focused.background !== "rgb(255, 221, 0)" || !focused.visible) {
      failures.push(`skip link at ${width} px: the first Tab reached ${focused.body ? "nothing (focus stayed on the page)" : JSON.stringify({ ...focused, text: focused.text.slice(0, 80) })}`);
    } else {
      console.log(`skip link at ${width} px: first on Tab, shown, focus colour ${focused.background}`);
    }
  }

  // At 1100 px the index is a table and a response's summary sits beside the letter; at
  // 390 px each row is a block of labelled lines. References and dates never break.
  async function layout(width) {
    await run("/url", { url: `${site}/index.html` });
    const index = await script(`const row = document.querySelector("#responses tbody tr");
      const broken = Array.from(document.querySelectorAll("#responses .reference, #responses time")).filter((e) => e.getClientRects().length > 1).map((e) => e.textContent);
      return { display: getComputedStyle(row).display, broken };`);
    await run("/url", { url: `${site}/${responsePage}` });
    const beside = await script(`const s = document.querySelector(".summary").getBoundingClientRect();
      const l = document.querySelector(".letter").getBoundingClientRect(); return s.left >= l.right;`);
    const wide = width >= 1100;
    const expected = wide ? "table-row" : "block";
    if (index.display !== expected || beside !== wide || index.broken.length) {
      failures.push(`layout at ${width} px: rows ${index.display} (expected ${expected}), summary beside the letter: ${beside}, broken across lines: ${index.broken.join(", ")}`);
    } else {
      console.log(`layout at ${width} px: index rows ${index.display}, summary ${beside ? "beside" : "above"} the letter, no reference or date broken`);
    }
  }

  async function filterAndSort(width) {
    // The filter box narrows the table as the reader types.
    await run("/url", { url: `${site}/index.html` });
    const visible = `return Array.from(document.querySelectorAll("#responses tbody tr")).filter((r) => !r.hidden && r.offsetHeight > 0).length;`;
    const before = await script(visible);
    const box = await run("/element", { using: "css selector", value: "#filter" });
    const element = box[Object.keys(box)[0]];
    await run(`/element/${element}/value`, { text: filterText });
    const after = await script(visible);
    const status = await script(`return document.getElementById("filter-count").textContent;`);
    if (after !== Number(expectedRows) || !(after < before)) {
      failures.push(`filter at ${width} px: typing ${JSON.stringify(filterText)} left ${after} of ${before} rows, expected ${expectedRows}`);
    } else {
      console.log(`filter at ${width} px: typing ${JSON.stringify(filterText)} narrowed ${before} rows to ${after} ("${status}")`);
    }
    // Sorting by a column reorders the rows: the sort buttons are shown (and clickable) at
    // every width.
    await run("/url", { url: `${site}/index.html` });
    const first = `return document.querySelector("#responses tbody tr .cell-value").textContent;`;
    const button = await run("/element", { using: "css selector", value: "#responses th button" });
    const id = button[Object.keys(button)[0]];
    await run(`/element/${id}/click`, {});
    const ascending = await script(first);
    await run(`/element/${id}/click`, {});
    const descending = await script(first);
    if (ascending === descending) {
      failures.push(`sort at ${width} px: clicking the Reference heading twice left ${ascending} first both times`);
    } else {
      console.log(`sort at ${width} px: by reference, ${ascending} first; reversed, ${descending} first`);
    }
  }

  for (const width of [1100, 390]) {
    await resize(width);
    for (const page of ["index.html", "stats.html", "accessibility.html", responsePage]) {
      await audit(page, width);
    }
    await layout(width);
    await skipLink(width);
    await filterAndSort(width);
  }
} catch (error) {
  failures.push(String(error));
} finally {
  if (session) {
    await call("DELETE", `/session/${session}`).catch(() => {});
  }
  driver.kill();
  server.close();
}

if (failures.length) {
  console.error(failures.join("\n"));
  process.exit(1);
}
