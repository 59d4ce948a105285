import { existsSync } from "node:fs";
import {
  JANUS_BINARY,
  launchChromium,
  namespaceUnsupportedReason,
  startJanus,
  startNamespace,
  type JanusInstance,
  type NetworkNamespace,
} from "@parley/janus-harness";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { JanusNode } from "./janus-node";
import type { JanusSession } from "./janus-session";
import {
  pageAnswerOffer,
  pageApplyAnswer,
  pageClose,
  pageFirstFrameAt,
  pageInboundAudio,
  pageInboundVideo,
  pagePublishOffer,
  pageQualityLimitation,
} from "./testing/media-page";
import { VideoRoomPublisher } from "./videoroom/publisher";
import { VideoRoomSubscriber } from "./videoroom/subscriber";

/**
 * Real media through a real Janus: Janus and Chromium run inside a private network namespace (Janus' ICE ignores
 * `lo`); this process drives Janus over a UNIX socket and Chromium over Playwright's CDP pipe.
 */
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const unsupported = await namespaceUnsupportedReason();
const skip = (!existsSync(JANUS_BINARY) || !existsSync(CHROMIUM) || unsupported !== null) && !process.env.CI;

let ns: NetworkNamespace;
let janus: JanusInstance;
let node: JanusNode;
let browser: Browser;
const sessions: JanusSession[] = [];

async function openPage(): Promise<Page> {
  const page = await browser.newPage();
  // localhost is a secure context (getUserMedia); the page never touches the network.
  await page.route("http://localhost/**", (route) =>
    route.fulfill({ contentType: "text/html", body: "<!doctype html><title>sfu</title>" }),
  );
  await page.goto("http://localhost/");
  return page;
}

async function session(): Promise<JanusSession> {
  const s = await node.openSession();
  sessions.push(s);
  return s;
}

/** Publisher page → Janus; subscriber page ← Janus. Returns both ends and the gUM timestamp. */
async function publishAndSubscribe(room: string, video: { width: number; height: number; simulcast: boolean }) {
  const [pubPage, subPage] = await Promise.all([openPage(), openPage()]);
  const { publisher } = await VideoRoomPublisher.join(await session(), { room, participantId: `pub-${room}` });
  // Janus lists a feed (and accepts subscriptions to it) once its PeerConnection is up.
  const publishing = publisher.events.once("webrtcUp");
  const offer = await pubPage.evaluate(pagePublishOffer, video);
  const answer = await publisher.publish({ offer, descriptions: [{ mid: "1", description: "camera" }] });
  await pubPage.evaluate(pageApplyAnswer, answer);
  const gumAt = await pubPage.evaluate(() => (globalThis as unknown as { gumAt: number }).gumAt);
  await publishing;

  const joined = await VideoRoomSubscriber.join(await session(), { room, streams: [{ feed: publisher.participantId }] });
  const subAnswer = await subPage.evaluate(pageAnswerOffer, joined.offer);
  await joined.subscriber.start(subAnswer);
  return { pubPage, subPage, publisher, subscriber: joined.subscriber, streams: joined.streams, gumAt };
}

async function waitFor<T>(probe: () => Promise<T>, ok: (value: T) => boolean, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (ok(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe.skipIf(skip)("publish and subscribe through Janus in real Chromium", () => {
  beforeAll(async () => {
    ns = await startNamespace();
    janus = await startJanus({ namespace: ns, debugLevel: 3 });
    node = await JanusNode.connect({
      id: "janus-media",
      url: janus.wsUrl,
      apiSecret: janus.secrets.apiSecret,
      roomAdminKey: janus.secrets.roomAdminKey,
    });
    browser = await chromium.launch(await launchChromium({ namespace: ns, executablePath: CHROMIUM }));
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await Promise.all(sessions.map((s) => s.destroy()));
    await node?.close();
    await janus?.stop();
    await ns?.stop();
  });

  it("relays simulcast video and audio, and switches layers on request", async () => {
    const room = "media-simulcast";
    await node.createRoom({ room, secret: "media-room-secret-0123456789" });
    const { pubPage, subPage, subscriber, streams } = await publishAndSubscribe(room, { width: 1280, height: 720, simulcast: true });
    try {
      const videoMid = streams.find((s) => s.type === "video")?.mid;
      expect(videoMid).toBeDefined();
      const first = await waitFor(() => subPage.evaluate(pageInboundVideo), (v) => (v[0]?.framesDecoded ?? 0) > 10);
      expect(first[0]?.framesDecoded).toBeGreaterThan(10);
      const later = await waitFor(
        () => subPage.evaluate(pageInboundVideo),
        (v) => (v[0]?.framesDecoded ?? 0) > (first[0]?.framesDecoded ?? 0) + 10,
      );
      expect(later[0]?.framesDecoded).toBeGreaterThan((first[0]?.framesDecoded ?? 0) + 10);
      expect(await waitFor(() => subPage.evaluate(pageInboundAudio), (n) => n > 0)).toBeGreaterThan(0);

      // Janus starts low and climbs to the top layer by itself; switch down only from there. The top layer is 1280
      // wide unless the publisher's machine is too busy to encode it (then Chromium scales every layer alike), so the
      // lower layers are checked against the width actually received at the top.
      const top = await waitFor(() => subPage.evaluate(pageInboundVideo), (v) => (v[0]?.frameWidth ?? 0) === 1280, 30_000);
      const topWidth = top[0]?.frameWidth ?? 0;
      if (topWidth !== 1280) console.warn(`top layer arrived at ${topWidth} px wide, not 1280 (publisher limited: ${await pubPage.evaluate(pageQualityLimitation)})`);
      expect(topWidth).toBeGreaterThanOrEqual(640);

      // Lowest layer: Janus confirms, and the decoded picture shrinks to a quarter of 1280. (Janus also reports the
      // layers it steps through on its own while the publisher ramps up, so wait for the one we asked for.)
      const switched = new Promise<number>((resolve) => {
        const off = subscriber.events.on("substreamChanged", ({ substream }) => {
          if (substream !== 0) return;
          off();
          resolve(substream);
        });
      });
      await subscriber.setSubstream(videoMid as string, 0);
      expect(await switched).toBe(0);
      const low = await waitFor(() => subPage.evaluate(pageInboundVideo), (v) => (v[0]?.frameWidth ?? 0) <= topWidth / 4, 20_000);
      const lowWidth = low[0]?.frameWidth ?? 0;
      expect(lowWidth).toBeGreaterThan(0);
      expect(lowWidth).toBeLessThanOrEqual(topWidth / 4);

      await subscriber.setSubstream(videoMid as string, 2);
      const high = await waitFor(() => subPage.evaluate(pageInboundVideo), (v) => (v[0]?.frameWidth ?? 0) > lowWidth, 30_000);
      expect(high[0]?.frameWidth).toBeGreaterThan(lowWidth);
    } finally {
      await pubPage.evaluate(pageClose);
      await subPage.evaluate(pageClose);
      await Promise.all([pubPage.close(), subPage.close()]);
      await node.destroyRoom(room);
    }
  }, 120_000);

  it("pages the grid: unsubscribing stops a stream, subscribing again renegotiates it back", async () => {
    const room = "media-paging";
    await node.createRoom({ room, secret: "media-room-secret-0123456789" });
    const { pubPage, subPage, publisher, subscriber } = await publishAndSubscribe(room, { width: 320, height: 240, simulcast: false });
    try {
      await waitFor(() => subPage.evaluate(pageInboundVideo), (v) => (v[0]?.framesDecoded ?? 0) > 5);
      const removal = await subscriber.update({ unsubscribe: [{ feed: publisher.participantId }] });
      expect(removal?.type).toBe("offer");
      await subscriber.start(await subPage.evaluate(pageAnswerOffer, removal!));
      expect(subscriber.streams.filter((s) => s.active !== false && s.type === "video")).toHaveLength(0);

      const readd = await subscriber.update({ subscribe: [{ feed: publisher.participantId }] });
      await subscriber.start(await subPage.evaluate(pageAnswerOffer, readd!));
      const before = Math.max(0, ...(await subPage.evaluate(pageInboundVideo)).map((v) => v.framesDecoded));
      const after = await waitFor(
        () => subPage.evaluate(pageInboundVideo),
        (v) => v.some((s) => s.framesDecoded > before + 5),
      );
      expect(after.some((s) => s.framesDecoded > before + 5)).toBe(true);
    } finally {
      await pubPage.evaluate(pageClose);
      await subPage.evaluate(pageClose);
      await Promise.all([pubPage.close(), subPage.close()]);
      await node.destroyRoom(room);
    }
  }, 60_000);

  it("measures getUserMedia → first decoded frame through Janus", async () => {
    const samples: number[] = [];
    for (let run = 0; run < 5; run++) {
      const room = `media-latency-${run}`;
      await node.createRoom({ room, secret: "media-room-secret-0123456789" });
      const { pubPage, subPage, publisher, subscriber, gumAt } = await publishAndSubscribe(room, {
        width: 640,
        height: 360,
        simulcast: false,
      });
      const firstFrameAt = await subPage.evaluate(pageFirstFrameAt, 20_000);
      expect(firstFrameAt).not.toBeNull();
      samples.push((firstFrameAt as number) - gumAt);
      await pubPage.evaluate(pageClose);
      await subPage.evaluate(pageClose);
      await Promise.all([pubPage.close(), subPage.close(), subscriber.close(), publisher.leave()]);
      await node.destroyRoom(room);
    }
    samples.sort((a, b) => a - b);
    console.warn(`gUM → first decoded frame through Janus (ms): median ${samples[2]}, runs ${samples.join(", ")}`);
    // NOTE: a loose bound (every run got a frame, the median well inside its 20 s wait): an absolute time on a shared
    // machine swings with other jobs (4.5 s seen at load 30, 0.6 s quiet). bench/sfu measures it beside its anchor.
    expect(samples[2]).toBeLessThan(15_000);
  }, 180_000);
});
