// Checks a published disclosure log in headless Chromium, driven through chromedriver's
// WebDriver API: axe-core must find no WCAG 2.2 AA violation on the index, the statistics
// page and a response page, and the index's filter box must narrow the table.
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
            "--window-size=1280,1024",
          ],
        },
      },
    },
  });
  session = created.sessionId;
  const run = (path, body) => call("POST", `/session/${session}${path}`, body);

  async function audit(page) {
    await run("/url", { url: `${site}/${page}` });
    await run("/execute/sync", { script: `${axeSource}; return true;`, args: [] });
    const result = await run("/execute/async", {
      script: `const done = arguments[arguments.length - 1];
        axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"] } })
          .then((r) => done({ violations: r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => n.target.join(" ")) })), passes: r.passes.length }))
          .catch((e) => done({ error: String(e) }));`,
      args: [],
    });
    if (result.error) {
      failures.push(`${page}: axe failed: ${result.error}`);
    } else if (result.violations.length) {
      for (const v of result.violations) {
        failures.push(`${page}: ${v.id} (${v.impact}): ${v.help} at ${v.nodes.join(", ")}`);
      }
    } else {
      console.log(`${page}: no WCAG 2.2 AA violations (${result.passes} rules passed)`);
    }
  }

  for (const page of ["index.html", "stats.html", responsePage]) {
    await audit(page);
  }

  // The filter box narrows the table as the reader types.
  await run("/url", { url: `${site}/index.html` });
  const visible = `return Array.from(document.querySelectorAll("#responses tbody tr")).filter((r) => !r.hidden).length;`;
  const before = await run("/execute/sync", { script: visible, args: [] });
  const box = await run("/element", { using: "css selector", value: "#filter" });
  const element = box[Object.keys(box)[0]];
  await run(`/element/${element}/value`, { text: filterText });
  const after = await run("/execute/sync", { script: visible, args: [] });
  const status = await run("/execute/sync", { script: `return document.getElementById("filter-count").textContent;`, args: [] });
  if (after !== Number(expectedRows) || !(after < before)) {
    failures.push(`filter: typing ${JSON.stringify(filterText)} left ${after} of ${before} rows, expected ${expectedRows}`);
  } else {
    console.log(`filter: typing ${JSON.stringify(filterText)} narrowed ${before} rows to ${after} ("${status}")`);
  }
  // Sorting by a column reorders the rows.
  const first = `return document.querySelector("#responses tbody tr td").textContent;`;
  const button = await run("/element", { using: "css selector", value: "#responses th button" });
  await run(`/element/${button[Object.keys(button)[0]]}/click`, {});
  const ascending = await run("/execute/sync", { script: first, args: [] });
  await run(`/element/${button[Object.keys(button)[0]]}/click`, {});
  const descending = await run("/execute/sync", { script: first, args: [] });
  if (ascending === descending) {
    failures.push(`sort: clicking the Reference heading twice left ${ascending} first both times`);
  } else {
    console.log(`sort: by reference, ${ascending} first; reversed, ${descending} first`);
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
