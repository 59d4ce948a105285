import type { IceCandidate, SfuOffer, SfuTarget, TrackSource, TrackSources, VideoLayer } from "@parley/protocol";
import {
  JANUS_ERROR,
  SfuError,
  VideoRoomPublisher,
  VideoRoomSubscriber,
  type Feed,
  type JanusNode,
  type JanusSession,
  type Jsep,
  type SfuLogger,
} from "@parley/janus";
import type { Clock } from "../clock";
import { currentStreams, desiredStreams, diffStreams, layerFor, toProtocolStreams } from "./subscription";

export interface SfuPeerOptions {
  node: JanusNode;
  meetingId: string;
  participantId: string;
  display: string;
  /**
   * Base name of this publisher's recording files (used by Janus only while the media room records): unique per
   * session, so a participant publishing again never overwrites what was recorded before.
   */
  recordingName: string;
  /** Sends an `sfu:offer` to the participant's current socket. */
  sendOffer: (offer: SfuOffer) => void;
  /** Kick a stale publisher with the same id (a previous session of this participant) out of the media room. */
  kickStale: () => Promise<void>;
  /** The peer closed by itself (session lost, Janus hung up on the publisher). */
  onClosed: (peer: SfuPeer, reason: string) => void;
  clock: Clock;
  logger: SfuLogger;
  /** How long the browser has to answer a subscription offer. */
  answerTimeoutMs?: number;
  /** How long a lossy downlink keeps every camera on the lowest layer. */
  degradedForMs?: number;
}

interface PendingAnswer {
  seq: number;
  offer: SfuOffer;
  resolve: (answer: Jsep) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
}

/**
 * One participant's media on one Janus node: a Janus session with a publisher handle (the browser's upload) and a
 * multistream subscriber handle (everyone else's media, driven by us). Lives on the signaling node the participant's
 * socket is connected to. Subscription changes are serialized: Janus offers, the browser answers, then the next one.
 */
export class SfuPeer {
  readonly meetingId: string;
  readonly participantId: string;
  readonly nodeId: string;
  readonly #options: SfuPeerOptions;
  readonly #feeds = new Map<string, Feed>();
  readonly #preferences = new Map<string, VideoLayer>();
  /** What Janus currently does per subscribed mid, to send only changes. */
  readonly #applied = new Map<string, string>();
  #session: JanusSession | null = null;
  #publisher: VideoRoomPublisher | null = null;
  #published = false;
  #subscriber: VideoRoomSubscriber | null = null;
  #queue: Promise<void> = Promise.resolve();
  #seq = 0;
  #pending: PendingAnswer | null = null;
  #degradedUntil = 0;
  #degradedTimer: NodeJS.Timeout | null = null;
  /** Browser candidates that arrived while its offer was still on the way to Janus. */
  #early: { target: SfuTarget; candidate: IceCandidate | null }[] = [];
  #closed = false;

  constructor(options: SfuPeerOptions) {
    this.#options = options;
    this.meetingId = options.meetingId;
    this.participantId = options.participantId;
    this.nodeId = options.node.id;
  }

  get closed(): boolean {
    return this.#closed;
  }

  /** Publish (first offer) or renegotiate (later offers, e.g. screen share); resolves with Janus' answer. */
  async publish(offer: Jsep, sources: TrackSources): Promise<Jsep> {
    const descriptions = Object.entries(sources).map(([mid, source]) => ({ mid, description: source }));
    const publisher = this.#publisher ?? (await this.#join());
    if (this.#published) {
      const answer = await publisher.configure({ offer, descriptions });
      if (!answer || answer.type !== "answer") throw SfuError.unexpected("configure (publisher)");
      return answer;
    }
    const answer = await publisher.publish({ offer, descriptions, filename: this.#options.recordingName });
    this.#published = true;
    for (const early of this.#early.splice(0)) await this.candidate(early.target, early.candidate).catch(() => undefined);
    return answer;
  }

  /** Send the subscription offer still waiting for its answer again (it may have gone to a dead socket). */
  resendPendingOffer(): void {
    if (this.#pending) this.#options.sendOffer(this.#pending.offer);
  }

  /** The browser's answer to subscription offer `seq`. Stale answers are ignored. */
  answer(seq: number, answer: Jsep): void {
    const pending = this.#pending;
    if (!pending || pending.seq !== seq) return;
    this.#pending = null;
    clearTimeout(pending.timer);
    pending.resolve(answer);
  }

  async candidate(target: SfuTarget, candidate: IceCandidate | null): Promise<void> {
    // The browser trickles as soon as it has an offer; Janus needs the offer first: keep those until it has it.
    if (target === "publisher" && !this.#published) {
      if (this.#early.length < 64) this.#early.push({ target, candidate });
      return;
    }
    const handle = target === "publisher" ? this.#publisher : this.#subscriber;
    if (!handle || handle.closed) return;
    await handle.trickle(candidate ? { candidate: candidate.candidate, sdpMid: candidate.sdpMid ?? null, sdpMLineIndex: candidate.sdpMLineIndex ?? null } : null);
  }

  /** The viewer's wishes for other participants' cameras. */
  setPreferences(preferences: readonly { participantId: string; layer: VideoLayer }[]): void {
    // Only for publishers in the room (the browser sends its wishes again after every new subscription offer), so a
    // client cannot grow this map with made-up ids.
    for (const { participantId, layer } of preferences) {
      if (this.#feeds.has(participantId)) this.#preferences.set(participantId, layer);
    }
    this.#enqueue(() => this.#applyLayers());
  }

  /** Leave the media room and free the Janus session. Safe to call twice. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    if (this.#degradedTimer) clearTimeout(this.#degradedTimer);
    this.#pending?.reject(SfuError.closed("sfu peer"));
    this.#pending = null;
    await this.#subscriber?.close().catch(() => undefined);
    await this.#publisher?.leave().catch(() => undefined);
    await this.#session?.destroy().catch(() => undefined);
  }

  async #join(): Promise<VideoRoomPublisher> {
    if (this.#closed) throw SfuError.closed("sfu peer");
    const session = (this.#session ??= await this.#openSession());
    const join = () => VideoRoomPublisher.join(session, { room: this.meetingId, participantId: this.participantId, display: this.#options.display });
    let joined;
    try {
      joined = await join();
    } catch (error) {
      // Our earlier session (a reload, or a signaling node that died) still holds the id: take it over.
      if (!(error instanceof SfuError) || error.janusCode !== JANUS_ERROR.videoroom.idExists) throw error;
      await this.#options.kickStale();
      joined = await join();
    }
    const { publisher, feeds } = joined;
    this.#publisher = publisher;
    publisher.events.on("feedsAdded", (added) => {
      for (const feed of added) this.#feeds.set(feed.id, feed);
      this.#syncSoon();
    });
    publisher.events.on("feedRemoved", (id) => {
      this.#preferences.delete(id);
      if (this.#feeds.delete(id)) this.#syncSoon();
    });
    publisher.events.on("closed", (reason) => this.#lost(`publisher closed: ${reason}`));
    for (const feed of feeds) this.#feeds.set(feed.id, feed);
    this.#syncSoon();
    return publisher;
  }

  async #openSession(): Promise<JanusSession> {
    const session = await this.#options.node.openSession();
    session.events.on("lost", (error) => this.#lost(error.message));
    return session;
  }

  #lost(reason: string): void {
    if (this.#closed) return;
    this.#options.logger.warn({ meetingId: this.meetingId, participantId: this.participantId, reason }, "sfu peer lost");
    void this.close();
    this.#options.onClosed(this, reason);
  }

  #syncSoon(): void {
    this.#enqueue(() => this.#syncSubscription());
  }

  #enqueue(task: () => Promise<void>): void {
    this.#queue = this.#queue
      .then(() => (this.#closed ? undefined : task()))
      .catch((error: unknown) => {
        if (this.#closed) return;
        this.#options.logger.error({ err: error, meetingId: this.meetingId, participantId: this.participantId }, "sfu subscription update failed");
      });
  }

  /** Bring the subscription in line with the publishers in the room. */
  async #syncSubscription(): Promise<void> {
    const desired = desiredStreams(this.#feeds.values(), this.participantId);
    if (!this.#subscriber) {
      if (desired.length === 0) return;
      const session = this.#session as JanusSession;
      const joined = await VideoRoomSubscriber.join(session, { room: this.meetingId, streams: desired, participantId: this.participantId });
      this.#subscriber = joined.subscriber;
      // Janus renegotiates by itself when a publisher we receive drops a stream.
      joined.subscriber.events.on("renegotiate", (offer) => this.#enqueue(() => this.#negotiate(offer)));
      joined.subscriber.events.on("slowLink", () => this.#degrade());
      await this.#negotiate(joined.offer);
      return;
    }
    const change = diffStreams(currentStreams(this.#subscriber.streams), desired);
    if (change.subscribe.length === 0 && change.unsubscribe.length === 0) return;
    const offer = await this.#subscriber.update({
      ...(change.subscribe.length > 0 ? { subscribe: change.subscribe } : {}),
      ...(change.unsubscribe.length > 0 ? { unsubscribe: change.unsubscribe } : {}),
    });
    if (offer) await this.#negotiate(offer);
  }

  /** Hand Janus' offer to the browser, wait for its answer, start. */
  async #negotiate(offer: Jsep): Promise<void> {
    const subscriber = this.#subscriber;
    if (!subscriber || offer.type !== "offer") return;
    const seq = ++this.#seq;
    const answer = new Promise<Jsep>((resolve, reject) => {
      const timer = setTimeout(() => {
        if (this.#pending?.seq === seq) this.#pending = null;
        reject(new SfuError("sfu_timeout", "the browser did not answer the subscription offer"));
        // Janus now waits for an answer that will not come, and later changes would diff against streams the browser
        // never got: start the session over (the browser is told to restart).
        this.#lost("subscription offer not answered");
      }, this.#options.answerTimeoutMs ?? 10_000);
      const payload: SfuOffer = { seq, offer: { type: "offer", sdp: offer.sdp }, streams: toProtocolStreams(subscriber.streams) };
      this.#pending = { seq, offer: payload, resolve, reject, timer };
      this.#options.sendOffer(payload);
    });
    await subscriber.start(await answer);
    this.#applied.clear(); // new m-lines start at Janus' defaults
    await this.#applyLayers();
  }

  /** Tell Janus which layer (or nothing) to relay for each camera we receive. */
  async #applyLayers(): Promise<void> {
    const subscriber = this.#subscriber;
    if (!subscriber) return;
    const degraded = this.#options.clock.now().getTime() < this.#degradedUntil;
    for (const stream of toProtocolStreams(subscriber.streams)) {
      if (stream.source === "microphone") continue;
      const decision = layerFor(stream.source as TrackSource, this.#preferences.get(stream.participantId), degraded);
      const key = `${decision.send ? "on" : "off"}:${decision.substream}`;
      const before = this.#applied.get(stream.mid);
      if (before === key || (before === undefined && key === "on:2")) continue;
      if (!decision.send) {
        await subscriber.setSending(stream.mid, false);
      } else {
        if (before?.startsWith("off")) await subscriber.setSending(stream.mid, true);
        await subscriber.setSubstream(stream.mid, decision.substream);
      }
      this.#applied.set(stream.mid, key);
    }
  }

  /** Janus sees loss on what it sends us: everything to the lowest layer for a while, then back. */
  #degrade(): void {
    const degradedFor = this.#options.degradedForMs ?? 10_000;
    const now = this.#options.clock.now().getTime();
    const wasDegraded = now < this.#degradedUntil;
    this.#degradedUntil = now + degradedFor;
    if (this.#degradedTimer) clearTimeout(this.#degradedTimer);
    this.#degradedTimer = setTimeout(() => this.#enqueue(() => this.#applyLayers()), degradedFor + 50);
    this.#degradedTimer.unref();
    if (!wasDegraded) this.#enqueue(() => this.#applyLayers());
  }
}
