import { randomBytes } from "node:crypto";
import type { Page } from "playwright-core";
import type { BenchEnvironment } from "./environment";
import { pageAnswerOffer, pageApplyAnswer, pagePublishOffer, type SendSpec } from "./page-media";
import { VideoRoomPublisher, VideoRoomSubscriber, type JanusNode } from "@parley/janus";

/** A VideoRoom for one bench part, created the way the signaling service creates meeting rooms. */
export async function createBenchRoom(node: JanusNode, name: string): Promise<string> {
  const room = `${name}-${randomBytes(4).toString("hex")}`;
  await node.createRoom({ room, secret: randomBytes(16).toString("hex"), publishers: 64 });
  return room;
}

/** Join `room` as `participantId` and publish the page's camera on PeerConnection `pcId`; resolves at webrtcup. */
export async function publishCamera(
  env: BenchEnvironment,
  page: Page,
  options: { room: string; participantId: string; pcId: string; send: SendSpec },
): Promise<VideoRoomPublisher> {
  const { publisher } = await VideoRoomPublisher.join(await env.openSession(), { room: options.room, participantId: options.participantId });
  // Janus lists a feed (and accepts subscriptions to it) once its PeerConnection is up.
  const up = publisher.events.once("webrtcUp");
  const offer = await page.evaluate(pagePublishOffer, { id: options.pcId, send: options.send });
  const answer = await publisher.publish({ offer, descriptions: [{ mid: "0", description: "camera" }] });
  await page.evaluate(pageApplyAnswer, { id: options.pcId, answer });
  await up;
  return publisher;
}

/** Subscribe PeerConnection `pcId` of `page` to `feeds` (one multistream subscription); resolves once started. */
export async function subscribeFeeds(
  env: BenchEnvironment,
  page: Page,
  options: { room: string; pcId: string; feeds: string[]; sink?: boolean },
): Promise<{ subscriber: VideoRoomSubscriber; videoMids: string[] }> {
  const joined = await VideoRoomSubscriber.join(await env.openSession(), {
    room: options.room,
    streams: options.feeds.map((feed) => ({ feed })),
  });
  const answer = await page.evaluate(pageAnswerOffer, { id: options.pcId, offer: joined.offer, sink: options.sink });
  await joined.subscriber.start(answer);
  return { subscriber: joined.subscriber, videoMids: joined.streams.filter((s) => s.type === "video").map((s) => s.mid) };
}
