import type { Page } from "playwright-core";
import { cpuUse, sampleCpu, type CpuUse } from "./cpu";
import type { BenchEnvironment } from "./environment";
import { pageClosePc, pageCounters, pageMeshAnswer, pageMeshOffer, pageOpenCamera, pageApplyAnswer, type Capture, type PcCounters } from "./page-media";
import { createBenchRoom, publishCamera, subscribeFeeds } from "./sfu-room";
import { bps, sleep } from "./stats";

export interface UplinkOptions {
  participants: number;
  capture: Capture;
  /** Per-copy cap (bps) for the single-layer modes (mesh and SFU single). */
  maxBitrate: number;
  /** Capture and top-layer cap for the SFU simulcast variant (Chrome sends 3 layers only from 960x540). */
  simulcastCapture: Capture;
  simulcastMaxBitrate: number;
  modes: UplinkMode[];
  warmupMs: number;
  windowMs: number;
}

export type UplinkMode = "mesh" | "sfu" | "sfu-simulcast";

export interface UplinkResult {
  mode: UplinkMode;
  capture: Capture;
  layers: string;
  /** Mean over pages of everything each page's transports sent (RTP+RTCP+SRTP+ICE), bits/s. */
  perPageUplinkBps: number;
  minPageUplinkBps: number;
  maxPageUplinkBps: number;
  /** Of which outbound video RTP (payload + headers), bits/s, mean per page. */
  perPageVideoBps: number;
  /** What the encoders actually sent (first outbound stream of the first page), to spot CPU/bandwidth adaptation. */
  sentFrame: string;
  limitation: string;
  cpu: CpuUse;
}

/** Window between two counter snapshots of one page: transport bytes and video RTP bytes sent. */
function pageUplink(before: PcCounters[], after: PcCounters[], ms: number): { total: number; video: number } {
  let total = 0;
  let video = 0;
  for (const pc of after) {
    const prev = before.find((p) => p.id === pc.id);
    total += pc.transportBytesSent - (prev?.transportBytesSent ?? 0);
    for (const out of pc.outbound) video += out.bytes - (prev?.outbound.find((o) => o.rid === out.rid)?.bytes ?? 0);
  }
  return { total: bps(total, ms), video: bps(video, ms) };
}

async function measure(pages: Page[], pid: number | undefined, options: UplinkOptions) {
  await sleep(options.warmupMs);
  const before = await Promise.all(pages.map((p) => p.evaluate(pageCounters)));
  const cpuBefore = sampleCpu(pid);
  const started = Date.now();
  await sleep(options.windowMs);
  const after = await Promise.all(pages.map((p) => p.evaluate(pageCounters)));
  const elapsed = Date.now() - started;
  const cpu = cpuUse(cpuBefore, sampleCpu(pid));
  const perPage = after.map((a, i) => pageUplink(before[i] ?? [], a, elapsed));
  const totals = perPage.map((p) => p.total);
  const outbound = after.flatMap((pcs) => pcs.flatMap((pc) => pc.outbound));
  const frames = outbound.map((o) => `${o.frameWidth}x${o.frameHeight}@${Math.round(o.fps)}`);
  const limitations = [...new Set(outbound.map((o) => o.limitation))].join("/");
  return {
    perPageUplinkBps: totals.reduce((s, v) => s + v, 0) / totals.length,
    minPageUplinkBps: Math.min(...totals),
    maxPageUplinkBps: Math.max(...totals),
    perPageVideoBps: perPage.reduce((s, p) => s + p.video, 0) / perPage.length,
    sentFrame: mostCommon(frames),
    limitation: limitations,
    cpu,
  };
}

function mostCommon(values: string[]): string {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? "";
}

/** Full mesh: every pair of pages has one sendrecv PeerConnection, each page sends its camera once per peer. */
async function runMesh(env: BenchEnvironment, options: UplinkOptions): Promise<UplinkResult> {
  const pages = await Promise.all(Array.from({ length: options.participants }, () => env.openPage()));
  try {
    await Promise.all(pages.map((p) => p.evaluate(pageOpenCamera, options.capture)));
    for (let i = 0; i < pages.length; i++) {
      for (let j = i + 1; j < pages.length; j++) {
        const offerer = pages[i] as Page;
        const answerer = pages[j] as Page;
        const offer = await offerer.evaluate(pageMeshOffer, { id: `peer-${j}`, maxBitrate: options.maxBitrate });
        const answer = await answerer.evaluate(pageMeshAnswer, { id: `peer-${i}`, offer, maxBitrate: options.maxBitrate });
        await offerer.evaluate(pageApplyAnswer, { id: `peer-${j}`, answer });
      }
    }
    const result = await measure(pages, env.janus?.pid, options);
    return { mode: "mesh", capture: options.capture, layers: "1 layer per peer", ...result };
  } finally {
    await Promise.all(pages.map((p) => p.close()));
  }
}

/** Through Janus: each page publishes once and subscribes to the others in one multistream subscription. */
async function runSfu(env: BenchEnvironment, options: UplinkOptions, simulcast: boolean): Promise<UplinkResult> {
  const node = env.node;
  if (!node) throw new Error("the SFU uplink needs Janus");
  const capture = simulcast ? options.simulcastCapture : options.capture;
  const send = { simulcast, maxBitrate: simulcast ? options.simulcastMaxBitrate : options.maxBitrate };
  const room = await createBenchRoom(node, "uplink");
  const pages = await Promise.all(Array.from({ length: options.participants }, () => env.openPage()));
  try {
    await Promise.all(pages.map((p) => p.evaluate(pageOpenCamera, capture)));
    const ids = pages.map((_, i) => `p${i}`);
    const publishers = await Promise.all(
      pages.map((page, i) => publishCamera(env, page, { room, participantId: ids[i] as string, pcId: "pub", send })),
    );
    for (const [i, page] of pages.entries()) {
      const { subscriber, videoMids } = await subscribeFeeds(env, page, { room, pcId: "sub", feeds: ids.filter((_, j) => j !== i) });
      // A grid of five tiles shows the middle layer: keeps decoding (and the machine) within 2 cores.
      if (simulcast) for (const mid of videoMids) await subscriber.setSubstream(mid, 1);
    }
    const result = await measure(pages, env.janus?.pid, options);
    await Promise.all(pages.map((p) => p.evaluate(pageClosePc, "sub")));
    await Promise.all(publishers.map((p) => p.leave()));
    return {
      mode: simulcast ? "sfu-simulcast" : "sfu",
      capture,
      layers: simulcast ? "simulcast h/m/l (subscribers on m)" : "1 layer",
      ...result,
    };
  } finally {
    await Promise.all(pages.map((p) => p.close()));
    await node.destroyRoom(room).catch(() => undefined);
  }
}

/** Client uplink in an N-person meeting: mesh, SFU single layer (same capture), SFU simulcast. */
export async function runUplink(env: BenchEnvironment, options: UplinkOptions): Promise<UplinkResult[]> {
  const results: UplinkResult[] = [];
  for (const mode of options.modes) {
    results.push(mode === "mesh" ? await runMesh(env, options) : await runSfu(env, options, mode === "sfu-simulcast"));
  }
  return results;
}
