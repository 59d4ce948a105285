import { z } from "zod";
import { SfuError } from "../errors";
import type { JanusHandle } from "../janus-handle";
import type { Jsep, SlowLink } from "../janus-messages";
import type { JanusSession } from "../janus-session";
import { TypedEmitter } from "../typed-emitter";
import { VIDEOROOM_PLUGIN } from "./rooms";

/** A stream to receive: a feed (publisher id) and optionally one of its m-lines (all of them when omitted). */
export interface StreamRef {
  feed: string;
  mid?: string;
}

/** One m-line of the subscription and what it carries. */
export const subscribedStreamSchema = z
  .object({
    mid: z.string(),
    type: z.string(),
    feed_id: z.string().optional(),
    feed_mid: z.string().optional(),
    feed_description: z.string().optional(),
    active: z.boolean().optional(),
  })
  .passthrough();
export type SubscribedStream = z.infer<typeof subscribedStreamSchema>;
const streamsSchema = z.array(subscribedStreamSchema);

/** Simulcast layer: 0 lowest. Temporal layer likewise. */
export type Substream = 0 | 1 | 2;

export type SubscriberEvents = {
  /** Janus switched a stream to another simulcast layer (confirmation of `setSubstream`, or its own fallback). */
  substreamChanged: (info: { mid: string | undefined; substream: number }) => void;
  /** Janus offers a new description (e.g. a publisher we receive from added a track): answer it with `start`. */
  renegotiate: (offer: Jsep, streams: SubscribedStream[]) => void;
  webrtcUp: () => void;
  /** Loss on what Janus sends us (uplink=false): time to ask for a lower layer. */
  slowLink: (info: SlowLink) => void;
  hangup: (reason: string) => void;
  closed: (reason: string) => void;
};

/** The single multistream subscription of one participant: Janus offers, the browser answers. */
export class VideoRoomSubscriber {
  readonly events = new TypedEmitter<SubscriberEvents>();
  readonly room: string;
  readonly #handle: JanusHandle;
  #streams: SubscribedStream[];

  private constructor(handle: JanusHandle, room: string, streams: SubscribedStream[]) {
    this.#handle = handle;
    this.room = room;
    this.#streams = streams;
    handle.events.on("pluginEvent", (data, jsep) => this.#onPluginEvent(data, jsep));
    handle.events.on("webrtcUp", () => this.events.emit("webrtcUp"));
    handle.events.on("slowLink", (info) => this.events.emit("slowLink", info));
    handle.events.on("hangup", (reason) => this.events.emit("hangup", reason));
    handle.events.on("gone", (reason) => this.events.emit("closed", reason));
  }

  /** Subscribe to `streams`; resolves with Janus' offer for the browser to answer (then call `start`). */
  static async join(
    session: JanusSession,
    options: { room: string; streams: StreamRef[]; privateId?: number; participantId?: string },
  ): Promise<{ subscriber: VideoRoomSubscriber; offer: Jsep; streams: SubscribedStream[] }> {
    const handle = await session.attach(VIDEOROOM_PLUGIN, options.participantId ? `sub:${options.participantId}` : undefined);
    try {
      const { data, jsep } = await handle.message(
        {
          request: "join",
          ptype: "subscriber",
          room: options.room,
          streams: options.streams,
          private_id: options.privateId,
          // The browser groups tracks by MediaStream: one stream per feed keeps camera/mic of a participant together.
          use_msid: true,
        },
        { async: true },
      );
      if (data.videoroom !== "attached" || !jsep || jsep.type !== "offer") throw SfuError.unexpected("join (subscriber)");
      const streams = streamsSchema.parse(data.streams ?? []);
      return { subscriber: new VideoRoomSubscriber(handle, options.room, streams), offer: jsep, streams };
    } catch (error) {
      await handle.detach();
      throw error;
    }
  }

  get streams(): readonly SubscribedStream[] {
    return this.#streams;
  }

  get closed(): boolean {
    return this.#handle.gone;
  }

  /** Complete (re)negotiation with the browser's answer. */
  async start(answer: Jsep): Promise<void> {
    if (answer.type !== "answer") throw new SfuError("sfu_negotiation_failed", "start needs an answer");
    await this.#handle.message({ request: "start" }, { async: true, jsep: answer });
  }

  /**
   * Page the grid: add and remove streams in one renegotiation. Resolves with Janus' new offer (answer it with
   * `start`), or undefined when nothing changed on the wire.
   */
  async update(change: { subscribe?: StreamRef[]; unsubscribe?: StreamRef[] }): Promise<Jsep | undefined> {
    const { data, jsep } = await this.#handle.message(
      { request: "update", subscribe: change.subscribe, unsubscribe: change.unsubscribe },
      { async: true },
    );
    if (Array.isArray(data.streams)) this.#streams = streamsSchema.parse(data.streams);
    return jsep;
  }

  /** Pick the simulcast layer (and optionally temporal layer) of one received video stream. */
  async setSubstream(mid: string, substream: Substream, temporal?: Substream): Promise<void> {
    await this.#handle.message({ request: "configure", streams: [{ mid, substream, temporal }] }, { async: true });
  }

  /** Pause or resume relaying one stream without renegotiation (off-screen tiles). */
  async setSending(mid: string, send: boolean): Promise<void> {
    await this.#handle.message({ request: "configure", streams: [{ mid, send }] }, { async: true });
  }

  /** Forward a browser ICE candidate. */
  trickle(candidate: { candidate: string; sdpMid?: string | null; sdpMLineIndex?: number | null } | null): Promise<void> {
    return this.#handle.trickle(candidate);
  }

  /** Detach. Safe to call twice. */
  async close(): Promise<void> {
    if (this.#handle.gone) return;
    await this.#handle.message({ request: "leave" }, { async: true, timeoutMs: 3_000 }).catch(() => undefined);
    await this.#handle.detach();
  }

  #onPluginEvent(data: Record<string, unknown>, jsep: Jsep | undefined): void {
    if (typeof data.substream === "number") {
      this.events.emit("substreamChanged", { mid: typeof data.mid === "string" ? data.mid : undefined, substream: data.substream });
    }
    if (jsep?.type === "offer") {
      if (Array.isArray(data.streams)) this.#streams = streamsSchema.parse(data.streams);
      this.events.emit("renegotiate", jsep, this.#streams);
    }
  }
}
