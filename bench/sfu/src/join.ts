import type { BenchEnvironment } from "./environment";
import { pageAnswerOffer, pageApplyAnswer, pageClosePc, pageFirstFrameAt, pageOpenCamera, pagePublishOffer, type Capture } from "./page-media";
import { createBenchRoom, publishCamera, subscribeFeeds } from "./sfu-room";
import { VideoRoomPublisher, VideoRoomSubscriber } from "@parley/janus";
import { summarizeLatency, type LatencySummary } from "./stats";

export interface JoinOptions {
  runs: number;
  capture: Capture;
  maxBitrate: number;
  frameTimeoutMs: number;
}

export interface JoinResult {
  /** Subscribe request (attach + join) → first decoded frame of a publisher already in the room. */
  joinToFirstFrame: LatencySummary;
  /** Of which: Janus' offer back (attach + join), ms p50. */
  joinOfferP50: number;
  /** New publisher's offer creation → first decoded frame at a participant already subscribed to someone else. */
  publishToFirstFrame: LatencySummary;
  /** Of which: until the existing participant learns of the new feed (publisher ICE/DTLS up), ms p50. */
  publishNoticeP50: number;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;

/** Join → first remote frame and publish → first frame through Janus, `runs` times each. */
export async function runJoin(env: BenchEnvironment, options: JoinOptions, log: (line: string) => void): Promise<JoinResult> {
  const node = env.node;
  if (!node) throw new Error("the join part needs Janus");
  const room = await createBenchRoom(node, "join");
  const [publisherPage, viewerPage, newcomerPage] = await Promise.all([env.openPage(), env.openPage(), env.openPage()]);
  const send = { simulcast: false, maxBitrate: options.maxBitrate };
  try {
    await Promise.all([publisherPage.evaluate(pageOpenCamera, options.capture), newcomerPage.evaluate(pageOpenCamera, options.capture)]);
    const resident = await publishCamera(env, publisherPage, { room, participantId: "resident", pcId: "pub", send });

    const joinSamples: number[] = [];
    const joinOffer: number[] = [];
    let joinFailed = 0;
    for (let run = 0; run < options.runs; run++) {
      const pcId = `join-${run}`;
      const session = await env.openSession();
      const startedAt = Date.now();
      const joined = await VideoRoomSubscriber.join(session, { room, streams: [{ feed: resident.participantId }] });
      joinOffer.push(Date.now() - startedAt);
      const answer = await viewerPage.evaluate(pageAnswerOffer, { id: pcId, offer: joined.offer });
      const firstFrame = viewerPage.evaluate(pageFirstFrameAt, { id: pcId, timeoutMs: options.frameTimeoutMs });
      await joined.subscriber.start(answer);
      const at = await firstFrame;
      if (at === null) joinFailed++;
      else joinSamples.push(at - startedAt);
      await viewerPage.evaluate(pageClosePc, pcId);
      await joined.subscriber.close();
      await session.destroy();
    }
    log(`join: ${joinSamples.length} runs, median ${median(joinSamples)} ms`);

    const publishSamples: number[] = [];
    const notice: number[] = [];
    let publishFailed = 0;
    for (let run = 0; run < options.runs; run++) {
      // The existing participant: in the room (participant handle) and already watching the resident.
      const { publisher: presence } = await VideoRoomPublisher.join(await env.openSession(), { room, participantId: `viewer-${run}` });
      const watching = await subscribeFeeds(env, viewerPage, { room, pcId: `view-${run}`, feeds: [resident.participantId] });
      await viewerPage.evaluate(pageFirstFrameAt, { id: `view-${run}`, timeoutMs: options.frameTimeoutMs });

      const newcomerId = `newcomer-${run}`;
      const { publisher: newcomer } = await VideoRoomPublisher.join(await env.openSession(), { room, participantId: newcomerId });
      const noticed = new Promise<number>((resolve) => {
        const off = presence.events.on("feedsAdded", (feeds) => {
          if (!feeds.some((feed) => feed.id === newcomerId)) return;
          off();
          resolve(Date.now());
        });
      });
      const startedAt = Date.now();
      const offer = await newcomerPage.evaluate(pagePublishOffer, { id: `pub-${run}`, send });
      const answer = await newcomer.publish({ offer, descriptions: [{ mid: "0", description: "camera" }] });
      await newcomerPage.evaluate(pageApplyAnswer, { id: `pub-${run}`, answer });
      const noticedAt = await noticed;
      notice.push(noticedAt - startedAt);
      const renegotiation = await watching.subscriber.update({ subscribe: [{ feed: newcomerId }] });
      const mid = watching.subscriber.streams.find((s) => s.feed_id === newcomerId && s.type === "video")?.mid;
      let at: number | null = null;
      if (renegotiation && mid !== undefined) {
        const viewerAnswer = await viewerPage.evaluate(pageAnswerOffer, { id: `view-${run}`, offer: renegotiation });
        const firstFrame = viewerPage.evaluate(pageFirstFrameAt, { id: `view-${run}`, mid, timeoutMs: options.frameTimeoutMs });
        await watching.subscriber.start(viewerAnswer);
        at = await firstFrame;
      }
      if (at === null) publishFailed++;
      else publishSamples.push(at - startedAt);
      await viewerPage.evaluate(pageClosePc, `view-${run}`);
      await newcomerPage.evaluate(pageClosePc, `pub-${run}`);
      await Promise.all([watching.subscriber.close(), newcomer.leave(), presence.leave()]);
    }
    log(`publish: ${publishSamples.length} runs, median ${median(publishSamples)} ms`);
    await resident.leave();
    return {
      joinToFirstFrame: summarizeLatency(joinSamples, joinFailed),
      joinOfferP50: median(joinOffer),
      publishToFirstFrame: summarizeLatency(publishSamples, publishFailed),
      publishNoticeP50: median(notice),
    };
  } finally {
    await Promise.all([publisherPage.close(), viewerPage.close(), newcomerPage.close()]);
    await node.destroyRoom(room).catch(() => undefined);
  }
}
