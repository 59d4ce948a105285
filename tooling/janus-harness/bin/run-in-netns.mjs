#!/usr/bin/env node
// Run a command (a test run) inside a private network namespace where Janus' ICE works (see janus-netns.sh).
// Needs root, iproute2, unshare, Janus and Chromium. Where they are missing the run is skipped with a message,
// except in CI (CI=true), where a skip would hide a broken machine: there it fails.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import process from "node:process";
import { URL, fileURLToPath } from "node:url";

const args = process.argv.slice(2);
if (args.length === 0) {
  process.stderr.write("usage: run-in-netns.mjs <command> [args...]\n");
  process.exit(64);
}
const missing = [];
if (process.getuid?.() !== 0) missing.push("root");
for (const tool of ["ip", "unshare"]) if (spawnSync("sh", ["-c", `command -v ${tool}`]).status !== 0) missing.push(tool);
if (!existsSync("/usr/bin/janus")) missing.push("janus (apt-get install janus)");
if (!existsSync(process.env.CHROMIUM_PATH ?? "/usr/bin/chromium")) missing.push("chromium");
if (missing.length > 0) {
  const message = `network-namespace tests need: ${missing.join(", ")}`;
  if (process.env.CI) {
    process.stderr.write(`error: ${message}\n`);
    process.exit(1);
  }
  process.stderr.write(`skipped: ${message}\n`);
  process.exit(0);
}
const script = fileURLToPath(new URL("./janus-netns.sh", import.meta.url));
const result = spawnSync(script, args, { stdio: "inherit" });
process.exit(result.status ?? 1);
