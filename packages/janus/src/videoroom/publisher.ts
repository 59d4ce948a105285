import { SfuError } from "../errors";
import type { JanusHandle } from "../janus-handle";
import type { Jsep, SlowLink } from "../janus-messages";
import type { JanusSession } from "../janus-session";
import { TypedEmitter } from "../typed-emitter";
import { feedListSchema, type Feed } from "./feeds";
import { VIDEOROOM_PLUGIN } from "./rooms";

export type PublisherEvents = {
  /** Publishers that started publishing (including on join: those already there). */
  feedsAdded: (feeds: Feed[]) => void;
  /** A publisher stopped publishing or left. */
  feedRemoved: (feedId: string) => void;
  webrtcUp: () => void;
  /** Janus sees loss on our uplink (uplink=false: we lose what Janus sends us; for a publisher that is RTCP only). */
  slowLink: (info: SlowLink) => void;
  /** The publishing PeerConnection closed. */
  hangup: (reason: string) => void;
  /** The handle is gone (left, kicked, session lost). */
  closed: (reason: string) => void;
};

export interface PublishOptions {
  /** The browser's offer (simulcast is read from it: rid / SIM ssrc-group). */
  offer: Jsep;
  /** Labels per m-line, e.g. `{ mid: "1", description: "camera" }`: subscribers learn which track is which. */
  descriptions?: { mid: string; description: string }[];
  /** Override the room's bitrate cap for this publisher (bps). */
  bitrate?: number;
  /**
   * Base name of this publisher's recording files while the room records: Janus writes
   * `<filename>-<audio|video>-<mindex>.mjr` into the room's rec_dir (a bare name: no directory).
   */
  filename?: string;
}

/** A participant's publishing handle in a room: join, publish (offer → answer), configure, unpublish, leave. */
export class VideoRoomPublisher {
  readonly events = new TypedEmitter<PublisherEvents>();
  readonly room: string;
  readonly participantId: string;
  /** Janus' private id: lets this participant's subscriptions be tied to it. */
  readonly privateId: number | undefined;
  readonly #handle: JanusHandle;

  private constructor(handle: JanusHandle, room: string, participantId: string, privateId: number | undefined) {
    this.#handle = handle;
    this.room = room;
    this.participantId = participantId;
    this.privateId = privateId;
    handle.events.on("pluginEvent", (data) => this.#onPluginEvent(data));
    handle.events.on("webrtcUp", () => this.events.emit("webrtcUp"));
    handle.events.on("slowLink", (info) => this.events.emit("slowLink", info));
    handle.events.on("hangup", (reason) => this.events.emit("hangup", reason));
    handle.events.on("gone", (reason) => this.events.emit("closed", reason));
  }

  /** Join `room` as publisher `participantId`; resolves with the publishers already there. */
  static async join(
    session: JanusSession,
    options: { room: string; participantId: string; display?: string },
  ): Promise<{ publisher: VideoRoomPublisher; feeds: Feed[] }> {
    const handle = await session.attach(VIDEOROOM_PLUGIN, `pub:${options.participantId}`);
    try {
      const { data } = await handle.message(
        { request: "join", ptype: "publisher", room: options.room, id: options.participantId, display: options.display },
        { async: true },
      );
      if (data.videoroom !== "joined") throw SfuError.unexpected("join (publisher)");
      const feeds = feedListSchema.safeParse(data.publishers ?? []);
      const privateId = typeof data.private_id === "number" ? data.private_id : undefined;
      const publisher = new VideoRoomPublisher(handle, options.room, options.participantId, privateId);
      return { publisher, feeds: feeds.success ? feeds.data : [] };
    } catch (error) {
      await handle.detach();
      throw error;
    }
  }

  get closed(): boolean {
    return this.#handle.gone;
  }

  /** Publish the browser's offer; resolves with Janus' answer (its candidates included: Janus half-trickles). */
  async publish(options: PublishOptions): Promise<Jsep> {
    if (options.offer.type !== "offer") throw new SfuError("sfu_negotiation_failed", "publish needs an offer");
    const { jsep } = await this.#handle.message(
      { request: "publish", descriptions: options.descriptions, bitrate: options.bitrate, filename: options.filename },
      { async: true, jsep: options.offer },
    );
    if (!jsep || jsep.type !== "answer") throw SfuError.unexpected("publish");
    return jsep;
  }

  /**
   * Renegotiate (e.g. screen share added) or change settings without SDP: a new offer returns a new answer.
   * `streams` toggles individual m-lines (`send: false` stops relaying one without renegotiation).
   */
  async configure(options: {
    offer?: Jsep;
    bitrate?: number;
    descriptions?: { mid: string; description: string }[];
    streams?: { mid: string; send?: boolean }[];
  }): Promise<Jsep | undefined> {
    const { jsep } = await this.#handle.message(
      { request: "configure", bitrate: options.bitrate, descriptions: options.descriptions, streams: options.streams },
      { async: true, jsep: options.offer },
    );
    return jsep;
  }

  /** Forward a browser ICE candidate (null: gathering complete). */
  trickle(candidate: { candidate: string; sdpMid?: string | null; sdpMLineIndex?: number | null } | null): Promise<void> {
    return this.#handle.trickle(candidate);
  }

  /** Stop publishing but stay in the room. */
  async unpublish(): Promise<void> {
    await this.#handle.message({ request: "unpublish" }, { async: true });
  }

  /** Leave the room and detach. Safe to call twice. */
  async leave(): Promise<void> {
    if (this.#handle.gone) return;
    await this.#handle.message({ request: "leave" }, { async: true, timeoutMs: 3_000 }).catch(() => undefined);
    await this.#handle.detach();
  }

  #onPluginEvent(data: Record<string, unknown>): void {
    if (Array.isArray(data.publishers)) {
      const feeds = feedListSchema.safeParse(data.publishers);
      if (feeds.success && feeds.data.length > 0) this.events.emit("feedsAdded", feeds.data);
    }
    for (const key of ["unpublished", "leaving"] as const) {
      const id = data[key];
      // `leaving: "ok"` / `unpublished: "ok"` are about ourselves.
      if (typeof id === "string" && id !== "ok") this.events.emit("feedRemoved", id);
    }
  }
}
