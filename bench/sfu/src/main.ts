/**
 * bench/sfu: measures our SFU (Janus 1.1, Debian package) on this machine. Janus and headless Chromium run in a
 * private network namespace (Janus' ICE ignores `lo`); this process drives Janus through the signaling service's
 * driver over a UNIX socket and Chromium over Playwright's CDP pipe. Needs root (ip netns).
 *
 *   pnpm --filter @parley/bench-sfu bench -- [--only uplink,capacity,join] [--json] [see README.md for all flags]
 */
import { parseArgs } from "node:util";
import { z } from "zod";
import { namespaceUnsupportedReason } from "@parley/janus-harness";
import { runCapacity } from "./capacity";
import { startEnvironment } from "./environment";
import { describeTuning, janusTuningSchema } from "./janus-tuning";
import { runJoin } from "./join";
import { renderCapacity, renderJoin, renderUplink } from "./report";
import { runUplink } from "./uplink";

const PARTS = ["uplink", "capacity", "join"] as const;

/** `WIDTHxHEIGHT@FPS` with a default. */
const capture = (fallback: string) =>
  z
    .string()
    .default(fallback)
    .pipe(z.string().regex(/^\d+x\d+@\d+$/, "expected WIDTHxHEIGHT@FPS"))
    .transform((value) => {
      const [size, fps] = value.split("@");
      const [width, height] = (size ?? "").split("x").map(Number);
      return { width: width as number, height: height as number, frameRate: Number(fps) };
    });
/** A comma-separated list with a default. */
const list = <T extends z.ZodType<unknown, string>>(fallback: string, item: T) =>
  z
    .string()
    .default(fallback)
    .transform((v) => v.split(",").filter(Boolean))
    .pipe(z.array(item).min(1));

const optionsSchema = z.object({
  only: list(PARTS.join(","), z.enum(PARTS)),
  json: z.boolean().default(false),
  chromium: z.string().default(process.env.CHROMIUM_PATH ?? "/usr/bin/chromium"),
  // Uplink
  participants: z.coerce.number().int().min(2).max(12).default(6),
  uplinkModes: list("mesh,sfu,sfu-simulcast", z.enum(["mesh", "sfu", "sfu-simulcast"])),
  uplinkCapture: capture("320x180@15"),
  uplinkBitrate: z.coerce.number().int().positive().default(300_000),
  simulcastCapture: capture("960x540@15"),
  simulcastBitrate: z.coerce.number().int().positive().default(1_200_000),
  warmup: z.coerce.number().positive().default(8),
  window: z.coerce.number().positive().default(10),
  // Capacity
  steps: list("10,25,50,75,100,150,200", z.string().regex(/^[1-9]\d*$/, "expected positive integers").transform(Number)),
  capacityCapture: capture("640x360@30"),
  capacityBitrate: z.coerce.number().int().positive().default(1_500_000),
  subscribersPerPage: z.coerce.number().int().positive().default(25),
  capacitySink: z.boolean().default(false),
  capacityWindow: z.coerce.number().positive().default(8),
  // Join
  runs: z.coerce.number().int().min(10).default(12),
  // Janus
  debugLevel: z.coerce.number().int().min(0).max(7).default(4),
  eventLoops: z.coerce.number().int().min(0).default(0),
  nackOptimizations: z.boolean().default(false),
  minNackQueue: z.coerce.number().int().min(0).optional(),
});

async function main(): Promise<void> {
  const { values } = parseArgs({
    // NOTE: `pnpm ... bench -- --flag` hands the script a literal "--" first; it is not an end-of-options marker here.
    args: process.argv.slice(2).filter((arg, index) => !(index === 0 && arg === "--")),
    options: {
      only: { type: "string" },
      json: { type: "boolean" },
      chromium: { type: "string" },
      participants: { type: "string" },
      "uplink-modes": { type: "string" },
      "uplink-capture": { type: "string" },
      "uplink-bitrate": { type: "string" },
      "simulcast-capture": { type: "string" },
      "simulcast-bitrate": { type: "string" },
      warmup: { type: "string" },
      window: { type: "string" },
      steps: { type: "string" },
      "capacity-capture": { type: "string" },
      "capacity-bitrate": { type: "string" },
      "subscribers-per-page": { type: "string" },
      "capacity-sink": { type: "boolean" },
      "capacity-window": { type: "string" },
      runs: { type: "string" },
      "debug-level": { type: "string" },
      "event-loops": { type: "string" },
      "nack-optimizations": { type: "boolean" },
      "min-nack-queue": { type: "string" },
    },
  });
  const camel = Object.fromEntries(Object.entries(values).map(([k, v]) => [k.replace(/-(\w)/g, (_, c: string) => c.toUpperCase()), v]));
  const parsed = optionsSchema.safeParse(camel);
  if (!parsed.success) {
    console.error(`bench-sfu: bad options\n${z.prettifyError(parsed.error)}`);
    process.exit(64);
  }
  const o = parsed.data;
  const unsupported = await namespaceUnsupportedReason();
  if (unsupported) {
    console.error(`bench-sfu: ${unsupported} (run as root)`);
    process.exit(69);
  }
  const tuning = janusTuningSchema.parse({
    debugLevel: o.debugLevel,
    eventLoops: o.eventLoops,
    nackOptimizations: o.nackOptimizations,
    minNackQueueMs: o.minNackQueue,
  });
  const log = (line: string) => console.error(`[${new Date().toISOString().slice(11, 19)}] ${line}`);
  const env = await startEnvironment({ withJanus: true, tuning, chromiumPath: o.chromium });
  const sections: string[] = [`# bench-sfu (Janus: ${describeTuning(tuning)})`];
  const json: Record<string, unknown> = { janus: tuning };
  const started = Date.now();
  try {
    if (o.only.includes("uplink")) {
      log("uplink: mesh vs SFU");
      const uplink = await runUplink(env, {
        participants: o.participants,
        capture: o.uplinkCapture,
        maxBitrate: o.uplinkBitrate,
        simulcastCapture: o.simulcastCapture,
        simulcastMaxBitrate: o.simulcastBitrate,
        modes: o.uplinkModes,
        warmupMs: o.warmup * 1000,
        windowMs: o.window * 1000,
      });
      json.uplink = uplink;
      sections.push(renderUplink(uplink));
    }
    if (o.only.includes("capacity")) {
      log("capacity: one publisher, K subscribers");
      const capacity = await runCapacity(
        env,
        {
          steps: o.steps,
          capture: o.capacityCapture,
          maxBitrate: o.capacityBitrate,
          subscribersPerPage: o.subscribersPerPage,
          joinConcurrency: 6,
          settleMs: 5_000,
          windowMs: o.capacityWindow * 1000,
          maxLoss: 0.01,
          sink: o.capacitySink,
        },
        log,
      );
      json.capacity = capacity;
      sections.push(renderCapacity(capacity, describeTuning(tuning)));
    }
    if (o.only.includes("join")) {
      log("join: first remote frame");
      const join = await runJoin(env, { runs: o.runs, capture: o.uplinkCapture, maxBitrate: o.uplinkBitrate, frameTimeoutMs: 10_000 }, log);
      json.join = join;
      sections.push(renderJoin(join));
    }
  } finally {
    await env.stop();
  }
  log(`done in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  process.stdout.write(`${o.json ? JSON.stringify(json, null, 2) : sections.join("\n\n")}\n`);
}

await main();
