// Test-only: a real recorded VideoRoom session. Each publisher is its own Chromium page; Janus writes its streams to
// `recDir` as <key>-<source>-{audio,video}-N.mjr (the naming the product uses too).
import type { Browser, Page } from "playwright-core";
import { JanusRecorderClient, type VideoRoomHandle } from "./janus-recorder";
import { PUBLISHER_SCRIPT, type PublisherSpec } from "./publisher-page";

export type RecordedPublisher = PublisherSpec & { key: string; source: "camera" | "screen"; joinAfterMs: number };

type Live = { page: Page; handle: VideoRoomHandle };

/**
 * Wall-clock anchors of a recorded session, for checking the composed file's length. The first packet left a browser
 * between `firstMediaAt` (the first answer applied) and `firstMediaSeenAt` (the first publisher seen up and sending);
 * the last between `stopRequestedAt` and `stoppedAt` (unpublish sent and answered). On a busy machine those windows
 * widen, and the composed length may fall anywhere inside them.
 */
export type RecordedSession = { firstMediaAt: number; firstMediaSeenAt: number; stopRequestedAt: number; stoppedAt: number };

/** Publishes everyone (each after `joinAfterMs`) with recording on, keeps them for `recordMs` after the first, then stops. */
export async function recordMeeting(opts: {
  browser: Browser;
  janus: { wsUrl: string; apiSecret: string; roomAdminKey: string };
  recDir: string;
  publishers: RecordedPublisher[];
  recordMs: number;
  /** False: the same session without recording (a benchmark's anchor). Default true. */
  record?: boolean;
}): Promise<RecordedSession> {
  const client = await JanusRecorderClient.connect(opts.janus.wsUrl, opts.janus.apiSecret);
  const room = `rec-${Date.now()}`;
  const admin = await client.videoroom();
  const created = await admin.request({ request: "create", room, admin_key: opts.janus.roomAdminKey, publishers: 10, videocodec: "vp8", audiocodec: "opus", rec_dir: opts.recDir });
  if (created.videoroom !== "created") throw new Error(`room not created: ${JSON.stringify(created)}`);
  const live: Live[] = [];
  const startedAt = Date.now();
  let firstMediaAt = Number.POSITIVE_INFINITY;
  let firstMediaSeenAt = Number.POSITIVE_INFINITY;
  let stopRequestedAt = 0;
  let stoppedAt = 0;
  try {
    await Promise.all(
      opts.publishers.map(async (p) => {
        await new Promise((resolve) => setTimeout(resolve, p.joinAfterMs));
        const page = await opts.browser.newPage();
        const handle = await client.videoroom();
        live.push({ page, handle });
        await handle.ask({ request: "join", ptype: "publisher", room, display: p.key });
        await page.addScriptTag({ content: PUBLISHER_SCRIPT });
        const spec: PublisherSpec = { colour: p.colour, width: p.width, height: p.height, toneHz: p.toneHz };
        const offer = (await page.evaluate(`window.parleyStartPublisher(${JSON.stringify(spec)})`)) as string;
        const { jsep } = await handle.ask({ request: "publish", record: opts.record ?? true, filename: `${p.key}-${p.source}` }, { type: "offer", sdp: offer });
        if (!jsep) throw new Error("no answer from Janus");
        await page.evaluate(`window.parleyAcceptAnswer(${JSON.stringify(jsep.sdp)})`);
        const answeredAt = Date.now();
        await handle.waitEvent((m) => m.janus === "webrtcup", 15_000);
        firstMediaAt = Math.min(firstMediaAt, answeredAt);
        firstMediaSeenAt = Math.min(firstMediaSeenAt, Date.now());
        const deadline = Date.now() + 10_000;
        while (((await page.evaluate("window.parleyBytesSent()")) as number) < 10_000 && Date.now() < deadline) await page.waitForTimeout(200);
      }),
    );
    const left = opts.recordMs - (Date.now() - Math.min(firstMediaSeenAt, startedAt + opts.recordMs));
    if (left > 0) await new Promise((resolve) => setTimeout(resolve, left));
  } finally {
    // Unpublishing closes the recordings cleanly (Janus finishes each .mjr); all at once, so they end together.
    stopRequestedAt = Date.now();
    await Promise.all(live.map(({ handle }) => handle.request({ request: "unpublish" }).catch(() => undefined)));
    stoppedAt = Date.now();
    for (const { page, handle } of live) {
      await handle.detach().catch(() => undefined);
      await page.close().catch(() => undefined);
    }
    await admin.request({ request: "destroy", room, admin_key: opts.janus.roomAdminKey }).catch(() => undefined);
    await client.close();
  }
  return { firstMediaAt, firstMediaSeenAt, stopRequestedAt, stoppedAt };
}
