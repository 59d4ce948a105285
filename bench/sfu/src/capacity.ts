import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { cpuUse, sampleCpu, type CpuUse } from "./cpu";
import type { BenchEnvironment } from "./environment";
import { pageClosePc, pageCounters, pageOpenCamera, type Capture, type PcCounters } from "./page-media";
import { writeNoiseClip } from "./noise-video";
import { createBenchRoom, publishCamera, subscribeFeeds } from "./sfu-room";
import { bps, mapLimit, sleep } from "./stats";

export interface CapacityOptions {
  steps: number[];
  capture: Capture;
  maxBitrate: number;
  subscribersPerPage: number;
  joinConcurrency: number;
  settleMs: number;
  windowMs: number;
  /** Subscribers count encoded frames instead of decoding them (see pageAnswerOffer). */
  sink: boolean;
  /** Stop after a step whose loss reaches this share (0.01 = 1 %). */
  maxLoss: number;
}

export interface CapacityStep {
  subscribers: number;
  /** Publisher → Janus, video RTP bits/s. */
  ingressBps: number;
  /** Sum over subscribers of received video RTP bits/s (what Janus forwarded and arrived). */
  forwardedBps: number;
  /** Video RTP packets/s the subscribers received (Janus' cost is mostly per packet, not per byte). */
  forwardedPps: number;
  /** Mean bytes per forwarded packet (RTP header included). */
  bytesPerPacket: number;
  /** packetsLost / (packetsReceived + packetsLost) over the window, all subscribers. */
  loss: number;
  /** NACKs the subscribers sent over the window. */
  nacks: number;
  /** Subscribers decoding under half the publisher's frame rate. */
  frozen: number;
  publisherFps: number;
  cpu: CpuUse;
  /** Forwarded Mbps per core Janus used (extrapolated: Janus rarely uses a whole core at these loads). */
  mbpsPerJanusCore: number;
  /** Forwarded kilo-packets/s per core Janus used. */
  kppsPerJanusCore: number;
  /** Janus CPU % (of one core) per forwarded Mbps. */
  janusCpuPercentPerMbps: number;
  stopReason: string | null;
}

function sumWindow(before: PcCounters[][], after: PcCounters[][]) {
  let bytes = 0;
  let received = 0;
  let lost = 0;
  let nacks = 0;
  const frames: number[] = [];
  for (const [i, pcs] of after.entries()) {
    for (const pc of pcs) {
      const prev = before[i]?.find((p) => p.id === pc.id);
      for (const inbound of pc.inbound) {
        const old = prev?.inbound.find((s) => s.mid === inbound.mid);
        // A subscriber that joined during the window has no baseline; skip it rather than count its whole history.
        if (!old) continue;
        bytes += inbound.bytes - old.bytes;
        received += inbound.packetsReceived - old.packetsReceived;
        lost += inbound.packetsLost - old.packetsLost;
        nacks += inbound.nackCount - old.nackCount;
        frames.push(inbound.framesDecoded - old.framesDecoded);
      }
    }
  }
  return { bytes, received, lost, nacks, frames };
}

/** One publisher, K subscribers stepped up until loss, frozen video or a saturated machine. */
export async function runCapacity(env: BenchEnvironment, options: CapacityOptions, log: (line: string) => void): Promise<CapacityStep[]> {
  const node = env.node;
  if (!node) throw new Error("the capacity part needs Janus");
  const room = await createBenchRoom(node, "capacity");
  // The publisher's camera is a noise clip (see noise-video.ts); subscribers stay in the shared browser.
  const clipDir = await mkdtemp(join(tmpdir(), "bench-sfu-"));
  const clip = await writeNoiseClip(clipDir, options.capture);
  const publisherBrowser = await env.launchBrowser([`--use-file-for-fake-video-capture=${clip}`]);
  const publisherPage = await env.openPageIn(publisherBrowser);
  const subscriberPages: Page[] = [];
  const steps: CapacityStep[] = [];
  try {
    await publisherPage.evaluate(pageOpenCamera, options.capture);
    const publisher = await publishCamera(env, publisherPage, {
      room,
      participantId: "capacity-publisher",
      pcId: "pub",
      send: { simulcast: false, maxBitrate: options.maxBitrate },
    });
    let subscribed = 0;
    for (const target of options.steps) {
      const fresh = Array.from({ length: Math.max(0, target - subscribed) }, (_, i) => subscribed + i);
      const neededPages = Math.ceil(target / options.subscribersPerPage);
      while (subscriberPages.length < neededPages) subscriberPages.push(await env.openPage());
      await mapLimit(fresh, options.joinConcurrency, async (index) => {
        const page = subscriberPages[Math.floor(index / options.subscribersPerPage)] as Page;
        await subscribeFeeds(env, page, { room, pcId: `sub-${index}`, feeds: [publisher.participantId], sink: options.sink });
      });
      subscribed = target;
      await sleep(options.settleMs);

      const pages = [publisherPage, ...subscriberPages];
      const before = await Promise.all(pages.map((p) => p.evaluate(pageCounters)));
      const cpuBefore = sampleCpu(env.janus?.pid);
      const started = Date.now();
      await sleep(options.windowMs);
      const cpu = cpuUse(cpuBefore, sampleCpu(env.janus?.pid));
      const after = await Promise.all(pages.map((p) => p.evaluate(pageCounters)));
      const elapsed = Date.now() - started;

      const pubBefore = before[0]?.[0]?.outbound[0];
      const pubAfter = after[0]?.[0]?.outbound[0];
      const ingressBps = bps((pubAfter?.bytes ?? 0) - (pubBefore?.bytes ?? 0), elapsed);
      const publisherFps = pubAfter?.fps ?? 0;
      const window = sumWindow(before.slice(1), after.slice(1));
      const forwardedBps = bps(window.bytes, elapsed);
      const loss = window.received + window.lost > 0 ? Math.max(0, window.lost) / (window.received + window.lost) : 0;
      const frozen = window.frames.filter((f) => f / (elapsed / 1000) < publisherFps / 2).length;
      const forwardedMbps = forwardedBps / 1e6;
      let stopReason: string | null = null;
      if (loss >= options.maxLoss) stopReason = `loss ${(loss * 100).toFixed(2)} % >= ${(options.maxLoss * 100).toFixed(0)} %`;
      else if (frozen > 0) stopReason = `${frozen} subscriber(s) below half the publisher's frame rate`;
      else if (cpu.benchCores >= cpu.cores * 0.9) stopReason = "bench CPU saturated (Janus + Chromium use the 2 cores)";
      else if (cpu.processCores >= 0.95 * cpu.cores) stopReason = "Janus CPU saturated";
      const step: CapacityStep = {
        subscribers: target,
        ingressBps,
        forwardedBps,
        forwardedPps: (window.received * 1000) / elapsed,
        bytesPerPacket: window.received > 0 ? window.bytes / window.received : 0,
        loss,
        nacks: window.nacks,
        frozen,
        publisherFps,
        cpu,
        mbpsPerJanusCore: forwardedMbps / cpu.processCores,
        kppsPerJanusCore: (window.received / elapsed) / cpu.processCores,
        janusCpuPercentPerMbps: (cpu.processCores * 100) / forwardedMbps,
        stopReason,
      };
      steps.push(step);
      log(
        `capacity: ${target} subscribers, ${forwardedMbps.toFixed(1)} Mbps forwarded, Janus ${(cpu.processCores * 100).toFixed(0)} %,` +
          ` bench ${(cpu.benchCores * 100).toFixed(0)} %, machine ${(cpu.machineCores * 100).toFixed(0)} % of ${cpu.cores * 100} %, loss ${(loss * 100).toFixed(2)} %, frozen ${frozen}`,
      );
      if (stopReason) break;
    }
    await publisher.leave();
  } finally {
    for (const page of subscriberPages) await page.close();
    await publisherPage.evaluate(pageClosePc, "pub").catch(() => undefined);
    await publisherPage.close();
    await publisherBrowser.close();
    await node.destroyRoom(room).catch(() => undefined);
    await rm(clipDir, { recursive: true, force: true });
  }
  return steps;
}
