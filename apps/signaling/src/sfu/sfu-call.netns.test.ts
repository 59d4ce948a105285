import { createRequire } from "node:module";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { build } from "esbuild";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { currentNamespaceIceInterface, startJanus, type JanusInstance } from "@parley/janus-harness";
import { CHROMIUM_TEST_FLAGS } from "@parley/test-support";
import type { VideoLayer } from "@parley/protocol";
import { JanusNode } from "@parley/janus";
import { request, startHarness, type Harness, type Person } from "../testing/harness";
import { startRedis } from "@parley/test-support";

/**
 * Real calls through a real Janus: real signaling server (port 0, real Postgres), real Chromium running
 * @parley/webrtc-client, Janus from the Debian package. Runs inside a private network namespace (vitest.netns.config.ts,
 * started through janus-netns.sh) because Janus' ICE never uses `lo`.
 */
type Frames = Record<string, { camera: number; screen: number; width: number }>;
interface PageApi {
  join(url: string, meetingId: string, index: number, video: { width: number; height: number }): Promise<string>;
  videoFrames(index: number): Promise<Frames>;
  totals(index: number): Promise<{ audioSamplesReceived: number; bytesSent: number; bytesReceived: number; connections: number }>;
  watchFrames(index: number): void;
  stopWatching(index: number): Record<string, number>;
  info(index: number): { state: string; topology: string | null; participants: number; tracks: string[] };
  setLayers(index: number, layers: Record<string, VideoLayer>): void;
  share(index: number, on: boolean): Promise<void>;
  leave(index: number): Promise<void>;
  errors: string[];
}
declare const parleyTest: PageApi;

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const VIDEO = { width: 320, height: 180 };

let janus: JanusInstance;
let browser: Browser;
let pageServer: Server;
let pageUrl: string;

async function bundlePage(): Promise<string> {
  const out = await build({
    entryPoints: [createRequire(import.meta.url).resolve("@parley/webrtc-client/testing/call-page")],
    bundle: true,
    format: "iife",
    platform: "browser",
    target: "chrome120",
    write: false,
  });
  return out.outputFiles[0]?.text ?? "";
}

async function waitFor<T>(probe: () => Promise<T>, ok: (value: T) => boolean, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (ok(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
}

/** A meeting with `count` participants, all in one page (participant i is Call i). */
async function meeting(h: Harness, count: number) {
  const { id: meetingId, host } = await h.createMeeting();
  const people: Person[] = [host, ...Array.from({ length: count - 1 }, (_, i) => h.guest(`Guest ${i + 1}`))];
  const page: Page = await browser.newPage();
  page.on("console", (m) => {
    if (m.type() === "error") console.warn("[page]", m.text());
  });
  await page.exposeFunction("parleyToken", (id: string, index: number) => h.token(id, people[index] as Person));
  await page.goto(pageUrl);
  const ids: string[] = [];
  const join = async (index: number) => {
    ids[index] = await page.evaluate(([url, m, i, v]) => parleyTest.join(url, m, i, v), [h.url, meetingId, index, VIDEO] as const);
  };
  return { page, meetingId, ids, join };
}

/** Each of `indexes` decodes rising camera video from every other participant. */
async function expectVideoFlowing(page: Page, indexes: number[], ids: string[]): Promise<void> {
  for (const index of indexes) {
    const others = ids.filter((_, i) => i !== index && indexes.includes(i));
    const first = await waitFor(
      () => page.evaluate((i) => parleyTest.videoFrames(i), index),
      (f) => others.every((id) => (f[id]?.camera ?? 0) > 5),
    );
    if (!others.every((id) => (first[id]?.camera ?? 0) > 5)) {
      const state = await page.evaluate((i) => ({ info: parleyTest.info(i), errors: parleyTest.errors }), index);
      console.warn(`participant ${index} frames ${JSON.stringify(first)} state ${JSON.stringify(state)}`);
    }
    for (const id of others) expect(first[id]?.camera ?? 0, `participant ${index} ← ${id}`).toBeGreaterThan(5);
    const later = await waitFor(
      () => page.evaluate((i) => parleyTest.videoFrames(i), index),
      (f) => others.every((id) => (f[id]?.camera ?? 0) > (first[id]?.camera ?? 0) + 5),
    );
    for (const id of others) expect(later[id]?.camera ?? 0).toBeGreaterThan((first[id]?.camera ?? 0) + 5);
  }
}

const skip = currentNamespaceIceInterface() === null;

describe.skipIf(skip)("calls through the SFU (real Janus, real Chromium)", () => {
  beforeAll(async () => {
    janus = await startJanus({ debugLevel: 3 });
    const script = await bundlePage();
    pageServer = createServer((req, res) => {
      if (req.url === "/page.js") return void res.writeHead(200, { "content-type": "text/javascript" }).end(script);
      res.writeHead(200, { "content-type": "text/html" }).end('<!doctype html><title>sfu</title><script src="/page.js"></script>');
    });
    await new Promise<void>((resolve) => pageServer.listen(0, "127.0.0.1", resolve));
    pageUrl = `http://127.0.0.1:${(pageServer.address() as AddressInfo).port}/`;
    browser = await chromium.launch({ executablePath: CHROMIUM, args: [...CHROMIUM_TEST_FLAGS] });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => pageServer?.close(resolve));
    await janus?.stop();
  });

  function nodeConfig(id: string, instance: JanusInstance) {
    return {
      id,
      url: instance.wsUrl,
      adminUrl: instance.adminUrl,
      apiSecret: instance.secrets.apiSecret,
      adminSecret: instance.secrets.adminSecret,
      roomAdminKey: instance.secrets.roomAdminKey,
    };
  }

  function sfuConfig(meshMax: number, nodes = [nodeConfig("janus-1", janus)]) {
    // The page's origin: signaling refuses WebSocket upgrades from origins it is not configured for.
    return { sfu: { nodes, meshMax, probeIntervalMs: 1_000 }, corsOrigins: [new URL(pageUrl).origin] };
  }

  it("three participants in an always-SFU meeting see and hear each other; layers and screen share work", async () => {
    const h = await startHarness(inject("databaseUrl"), sfuConfig(0));
    const { page, ids, join, meetingId } = await meeting(h, 3);
    try {
      for (const i of [0, 1, 2]) await join(i);
      expect((await page.evaluate(() => parleyTest.info(0))).topology).toBe("sfu");
      await expectVideoFlowing(page, [0, 1, 2], ids);
      // Two connections each (publish + subscribe), not one per peer.
      for (const i of [0, 1, 2]) expect((await page.evaluate((n) => parleyTest.totals(n), i)).connections).toBe(2);
      const audio = await waitFor(() => page.evaluate(() => parleyTest.totals(0)), (t) => t.audioSamplesReceived > 10_000);
      expect(audio.audioSamplesReceived).toBeGreaterThan(10_000);

      // Participant 0 takes participant 1 off screen: Janus stops forwarding that camera to 0 only.
      await page.evaluate(([id]) => parleyTest.setLayers(0, { [id as string]: "off" }), [ids[1]]);
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      const paused = await page.evaluate(() => parleyTest.videoFrames(0));
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      const stillPaused = await page.evaluate(() => parleyTest.videoFrames(0));
      expect((stillPaused[ids[1] as string]?.camera ?? 0) - (paused[ids[1] as string]?.camera ?? 0)).toBeLessThan(3);
      expect(stillPaused[ids[2] as string]?.camera ?? 0).toBeGreaterThan((paused[ids[2] as string]?.camera ?? 0) + 5);
      await page.evaluate(([id]) => parleyTest.setLayers(0, { [id as string]: "high" }), [ids[1]]);
      const resumed = await waitFor(
        () => page.evaluate(() => parleyTest.videoFrames(0)),
        (f) => (f[ids[1] as string]?.camera ?? 0) > (stillPaused[ids[1] as string]?.camera ?? 0) + 5,
      );
      expect(resumed[ids[1] as string]?.camera ?? 0).toBeGreaterThan((stillPaused[ids[1] as string]?.camera ?? 0) + 5);

      // Screen share: a new published m-line reaches the others as a screen track.
      await page.evaluate(() => parleyTest.share(2, true));
      const screen = await waitFor(
        () => page.evaluate(() => parleyTest.videoFrames(0)),
        (f) => (f[ids[2] as string]?.screen ?? 0) > 5,
      );
      expect(screen[ids[2] as string]?.screen ?? 0).toBeGreaterThan(5);
      expect(await page.evaluate(() => parleyTest.errors)).toEqual([]);

      // The last one out takes the media room (and its secret) with them.
      const observer = await JanusNode.connect({ id: "observer", url: janus.wsUrl, apiSecret: janus.secrets.apiSecret, roomAdminKey: janus.secrets.roomAdminKey });
      try {
        expect(await observer.rooms.exists(meetingId)).toBe(true);
        for (const i of [0, 1, 2]) await page.evaluate((n) => parleyTest.leave(n), i);
        expect(await waitFor(() => observer.rooms.exists(meetingId), (exists) => !exists)).toBe(false);
      } finally {
        await observer.close();
      }
    } finally {
      await page.close();
      await h.close();
    }
  }, 90_000);

  it("a mesh meeting moves to the SFU when participant N+1 joins, and media keeps flowing", async () => {
    const h = await startHarness(inject("databaseUrl"), sfuConfig(2));
    const { page, ids, join } = await meeting(h, 3);
    try {
      await join(0);
      await join(1);
      expect((await page.evaluate(() => parleyTest.info(0))).topology).toBe("mesh");
      await expectVideoFlowing(page, [0, 1], ids);
      await page.evaluate(() => {
        parleyTest.watchFrames(0);
        parleyTest.watchFrames(1);
      });
      await new Promise((resolve) => setTimeout(resolve, 1_000)); // tiles rendering before the switch
      await join(2);
      for (const i of [0, 1, 2]) {
        const info = await waitFor(async () => page.evaluate((n) => parleyTest.info(n), i), (x) => x.topology === "sfu");
        expect(info.topology).toBe("sfu");
      }
      await expectVideoFlowing(page, [0, 1, 2], ids);
      // Make-before-break: the tiles of the two mesh participants never froze for more than a second.
      const gaps = await page.evaluate(() => [parleyTest.stopWatching(0), parleyTest.stopWatching(1)]);
      console.warn(`longest frame gap during the mesh → SFU switch (ms): ${JSON.stringify(gaps)}`);
      expect(gaps[0]?.[ids[1] as string]).toBeLessThan(1_000);
      expect(gaps[1]?.[ids[0] as string]).toBeLessThan(1_000);
      // The mesh connections are gone: publish + subscribe only.
      const connections = await waitFor(() => page.evaluate(() => parleyTest.totals(0)), (t) => t.connections === 2);
      expect(connections.connections).toBe(2);
      expect(await page.evaluate(() => parleyTest.errors)).toEqual([]);
    } finally {
      await page.close();
      await h.close();
    }
  }, 90_000);

  it("refuses a bad offer with a typed error, and recovers the call after Janus restarts", async () => {
    const h = await startHarness(inject("databaseUrl"), sfuConfig(0));
    const { page, ids, join, meetingId } = await meeting(h, 2);
    try {
      await join(0);
      await join(1);
      await expectVideoFlowing(page, [0, 1], ids);

      const { client } = await h.joined(meetingId, h.guest("Raw"));
      const refused = await client.emitWithAck("sfu:publish", { offer: { type: "offer", sdp: "v=0\r\nthis is not sdp\r\n" }, sources: {}, fresh: true });
      expect(refused).toMatchObject({ ok: false, error: { code: "sfu_negotiation_failed" } });
      client.disconnect();

      await janus.restart();
      await expectVideoFlowing(page, [0, 1], ids);
    } finally {
      await page.close();
      await h.close();
    }
  }, 90_000);

  it("moves a meeting to another Janus node when its node dies; clients publish again by themselves", async () => {
    // Same secrets on both nodes, as in a real pool; different ports and RTP ranges.
    const second = await startJanus({ debugLevel: 3, secrets: janus.secrets, rtpPortRange: [40_001, 50_000] });
    const h = await startHarness(inject("databaseUrl"), sfuConfig(0, [nodeConfig("janus-1", janus), nodeConfig("janus-2", second)]));
    const { page, ids, join, meetingId } = await meeting(h, 2);
    let dying: JanusInstance | undefined;
    try {
      await join(0);
      await join(1);
      await expectVideoFlowing(page, [0, 1], ids);
      const before = (await h.server.rooms.get(meetingId))?.sfuNode;
      expect(before).toBeDefined();
      dying = before === "janus-1" ? janus : second;
      await dying.kill();
      await expectVideoFlowing(page, [0, 1], ids);
      const after = (await h.server.rooms.get(meetingId))?.sfuNode;
      expect(after).toBeDefined();
      expect(after).not.toBe(before);
    } finally {
      await page.close();
      await h.close();
      // Tests after this one use the first node: bring it back if it was the one killed.
      if (dying === janus) await janus.restart();
      await second.stop();
    }
  }, 90_000);

  it("two signaling nodes: a guest removed by a host on the other node loses its media session where it lives", async () => {
    const redis = await startRedis();
    const cluster = { redis: { url: redis.url, keyPrefix: `sfu-${Date.now()}` }, ...sfuConfig(0) };
    const a = await startHarness(inject("databaseUrl"), cluster);
    const b = await startHarness(inject("databaseUrl"), cluster);
    const page = await browser.newPage();
    try {
      const { id: meetingId, host } = await a.createMeeting();
      const ann = a.guest("Ann");
      const ben = b.guest("Ben");
      const people = [ann, ben];
      await page.exposeFunction("parleyToken", (id: string, index: number) => a.token(id, people[index] as Person));
      await page.goto(pageUrl);
      const annId = await page.evaluate(([url, m, v]) => parleyTest.join(url, m, 0, v), [a.url, meetingId, VIDEO] as const);
      const benId = await page.evaluate(([url, m, v]) => parleyTest.join(url, m, 1, v), [b.url, meetingId, VIDEO] as const);
      await expectVideoFlowing(page, [0, 1], [annId, benId]);
      expect(b.server.sfu?.peer(benId)).toBeDefined();

      // The host, connected to node A, removes Ben, whose socket and Janus session are on node B.
      const { client: hostClient } = await a.joined(meetingId, host);
      expect(await request(hostClient, "host:remove", { participantId: benId })).toMatchObject({ ok: true });
      expect(await waitFor(async () => b.server.sfu?.peer(benId), (peer) => peer === undefined, 5_000)).toBeUndefined();
      expect(a.server.sfu?.peer(annId)).toBeDefined();
    } finally {
      await page.close();
      await Promise.allSettled([a.close(), b.close()]);
      await redis.stop();
    }
  }, 90_000);
});
