import type { ClientEventName, ClientEventPayload, ClientEventResults, ServerEventName, ServerToClientEvents, SfuStream } from "@parley/protocol";
import { afterEach, describe, expect, it, vi } from "vitest";
import { CallError, type CallErrorCode } from "../errors";
import type { PeerTransceiver } from "../peer/peer-connection";
import type { RemoteTrackInfo } from "../peer/peer-session";
import type { SignalChannel } from "../signal/signal-channel";
import { FakeTrack } from "../testing/fake-media";
import { FakePeerConnection } from "../testing/fake-peer-connection";
import { advanceUntil } from "../testing/fake-time";
import { SIMULCAST_ENCODINGS, SfuTopology } from "./sfu-topology";

const SELF = "00000000-0000-4000-8000-0000000000ff";
const ANA = "00000000-0000-4000-8000-00000000000a";
const BEN = "00000000-0000-4000-8000-00000000000b";

/**
 * The server side of the SFU protocol, scripted: `sfu:publish` is answered by a fake "Janus" peer connection, and
 * the test pushes subscription offers (made by another fake one) as `sfu:offer`.
 */
class ScriptedSfuServer implements SignalChannel {
  connected = true;
  readonly requests: { event: ClientEventName; payload: unknown }[] = [];
  /** Fail the next N publishes with this error code. */
  failPublishes: { count: number; code: CallErrorCode } = { count: 0, code: "sfu_unavailable" };
  syncStatus: "ok" | "restart" = "ok";
  readonly #listeners = new Map<string, Set<(payload: unknown) => void>>();
  #janusSub: FakePeerConnection | null = null;
  /** Janus' sending transceiver per `participantId:source`. */
  readonly #sending = new Map<string, PeerTransceiver>();
  #seq = 0;

  connect(): void {}
  close(): void {}
  onConnectionChange(): () => void {
    return () => undefined;
  }

  on<E extends ServerEventName>(event: E, listener: ServerToClientEvents[E]): () => void {
    let set = this.#listeners.get(event);
    if (!set) this.#listeners.set(event, (set = new Set()));
    set.add(listener as (payload: unknown) => void);
    return () => set.delete(listener as (payload: unknown) => void);
  }

  emit<E extends ServerEventName>(event: E, payload: Parameters<ServerToClientEvents[E]>[0]): void {
    for (const listener of [...(this.#listeners.get(event) ?? [])]) listener(payload);
  }

  async request<E extends ClientEventName>(event: E, payload: ClientEventPayload<E>): Promise<ClientEventResults[E]> {
    this.requests.push({ event, payload });
    switch (event) {
      case "sfu:publish": {
        if (this.failPublishes.count > 0) {
          this.failPublishes.count--;
          throw new CallError(this.failPublishes.code, "media server unavailable");
        }
        const { offer } = payload as ClientEventPayload<"sfu:publish">;
        const janus = new FakePeerConnection();
        await janus.setRemoteDescription(offer);
        await janus.setLocalDescription();
        return { answer: { type: "answer", sdp: janus.localDescription?.sdp ?? "" } } as ClientEventResults[E];
      }
      case "sfu:answer": {
        const { answer } = payload as ClientEventPayload<"sfu:answer">;
        await this.#janusSub?.setRemoteDescription(answer);
        return {} as ClientEventResults[E];
      }
      case "sfu:sync":
        return { status: this.syncStatus } as ClientEventResults[E];
      default:
        return {} as ClientEventResults[E];
    }
  }

  /** Offer the browser these streams (kind per source), as Janus would after a subscription change. */
  async offer(streams: { participantId: string; source: SfuStream["source"] }[]): Promise<void> {
    const janus = (this.#janusSub ??= new FakePeerConnection());
    for (const { participantId, source } of streams) {
      const key = `${participantId}:${source}`;
      if (this.#sending.has(key)) continue;
      const kind = source === "microphone" ? "audio" : "video";
      this.#sending.set(key, janus.addTransceiver(kind, { direction: "sendonly", track: new FakeTrack(kind).asTrack() }));
    }
    await janus.setLocalDescription();
    const listed = streams.map(({ participantId, source }) => ({
      mid: this.#sending.get(`${participantId}:${source}`)?.mid ?? "",
      participantId,
      source,
    }));
    this.emit("sfu:offer", { seq: ++this.#seq, offer: { type: "offer", sdp: janus.localDescription?.sdp ?? "" }, streams: listed });
  }

  count(event: ClientEventName): number {
    return this.requests.filter((r) => r.event === event).length;
  }
}

function setup(options: { tracks?: { microphone?: MediaStreamTrack; camera?: MediaStreamTrack } } = {}) {
  const server = new ScriptedSfuServer();
  const connections: FakePeerConnection[] = [];
  const tracks = options.tracks ?? { microphone: new FakeTrack("audio").asTrack(), camera: new FakeTrack("video").asTrack() };
  const topology = new SfuTopology({
    selfId: SELF,
    iceServers: [],
    signal: server,
    createPeerConnection: (config) => {
      const pc = new FakePeerConnection(config.iceServers);
      connections.push(pc);
      return pc;
    },
    localTracks: () => tracks,
    retryDelayMs: 1,
  });
  const added: [string, RemoteTrackInfo][] = [];
  const removed: [string, RemoteTrackInfo][] = [];
  topology.events.on("trackAdded", (id, info) => added.push([id, info]));
  topology.events.on("trackRemoved", (id, info) => removed.push([id, info]));
  return { server, topology, connections, added, removed };
}

const settle = () => vi.waitFor(() => undefined).then(() => new Promise((resolve) => setTimeout(resolve, 5)));

afterEach(() => vi.useRealTimers());

describe("SfuTopology", () => {
  it("publishes once: microphone and a simulcast camera, with the sources of its mids", async () => {
    const { server, connections } = setup();
    await vi.waitFor(() => expect(connections[0]?.remoteDescription?.type).toBe("answer"));
    expect(server.count("sfu:publish")).toBe(1);
    const publish = server.requests.find((r) => r.event === "sfu:publish")?.payload as ClientEventPayload<"sfu:publish">;
    expect(Object.values(publish.sources).sort()).toEqual(["camera", "microphone"]);
    expect(connections[0]?.transceiverInits).toEqual([
      { kind: "audio", sendEncodings: undefined },
      { kind: "video", sendEncodings: SIMULCAST_ENCODINGS },
    ]);
  });

  it("answers the server's subscription offers and turns m-lines into participants' tracks", async () => {
    const { server, topology, connections, added, removed } = setup();
    topology.addParticipant(ANA);
    topology.addParticipant(BEN);
    await vi.waitFor(() => expect(server.count("sfu:publish")).toBe(1));
    await server.offer([
      { participantId: ANA, source: "microphone" },
      { participantId: ANA, source: "camera" },
      { participantId: BEN, source: "camera" },
    ]);
    await vi.waitFor(() => expect(server.count("sfu:answer")).toBe(1));
    expect((server.requests.find((r) => r.event === "sfu:answer")?.payload as { seq: number }).seq).toBe(1);
    expect(added.map(([id, t]) => `${id === ANA ? "ana" : "ben"}:${t.source}`)).toEqual(["ana:microphone", "ana:camera", "ben:camera"]);
    // A subscription PC separate from the publishing one; track ids never collide with mesh mids.
    expect(connections).toHaveLength(2);
    expect(added.every(([, t]) => t.mid.startsWith("sfu-"))).toBe(true);

    // Ben leaves the SFU room: the next offer no longer lists his camera.
    await server.offer([
      { participantId: ANA, source: "microphone" },
      { participantId: ANA, source: "camera" },
    ]);
    await vi.waitFor(() => expect(removed.map(([id, t]) => `${id === BEN ? "ben" : "ana"}:${t.source}`)).toEqual(["ben:camera"]));

    // Per-participant stats come from the one subscription connection, split by m-line.
    const sub = connections[1] as FakePeerConnection;
    const anaCameraMid = added.find(([id, t]) => id === ANA && t.source === "camera")?.[1].mid.slice(4);
    sub.stats = new Map([
      ["in-1", { type: "inbound-rtp", kind: "video", mid: anaCameraMid, framesDecoded: 10 }],
      ["pair", { type: "candidate-pair", state: "succeeded" }],
    ]) as unknown as RTCStatsReport;
    const stats = await topology.getStats();
    expect([...stats.keys()]).toEqual([ANA]);
    expect([...((stats.get(ANA) as unknown as Map<string, unknown>).keys())].sort()).toEqual(["in-1", "pair"]);
  });

  it("sends only changed layer preferences and re-sends them after a new subscription offer", async () => {
    const { server, topology } = setup();
    topology.setVideoPreferences(new Map([[ANA, "low"]]));
    topology.setVideoPreferences(new Map([[ANA, "low"], [BEN, "off"]]));
    const layers = server.requests.filter((r) => r.event === "sfu:layers").map((r) => r.payload);
    expect(layers).toEqual([{ preferences: [{ participantId: ANA, layer: "low" }] }, { preferences: [{ participantId: BEN, layer: "off" }] }]);
    await server.offer([{ participantId: ANA, source: "camera" }]);
    await vi.waitFor(() => expect(server.count("sfu:layers")).toBe(3));
  });

  it("publishes again on fresh connections when the server says the session is gone", async () => {
    const { server, topology, connections, removed } = setup();
    topology.addParticipant(ANA);
    await vi.waitFor(() => expect(server.count("sfu:publish")).toBe(1));
    await server.offer([{ participantId: ANA, source: "camera" }]);
    await vi.waitFor(() => expect(server.count("sfu:answer")).toBe(1));

    server.emit("sfu:restart", { reason: "node_lost" });
    await vi.waitFor(() => expect(server.count("sfu:publish")).toBe(2));
    expect((server.requests.filter((r) => r.event === "sfu:publish").at(-1)?.payload as { fresh?: boolean }).fresh).toBe(true);
    expect(connections[0]?.closed).toBe(true);
    expect(connections[1]?.closed).toBe(true);
    expect(removed.map(([, t]) => t.source)).toEqual(["camera"]);

    // After a signaling reconnection the server may still hold our session ("ok"): nothing is rebuilt.
    topology.recover();
    await settle();
    expect(server.count("sfu:publish")).toBe(2);
    server.syncStatus = "restart";
    topology.recover();
    await vi.waitFor(() => expect(server.count("sfu:publish")).toBe(3));
  });

  it("retries a publish while the media server is unavailable, and reports other failures", async () => {
    const { server, topology } = setup();
    server.failPublishes = { count: 2, code: "sfu_unavailable" };
    await vi.waitFor(() => expect(server.count("sfu:publish")).toBe(3));

    const errors: string[] = [];
    topology.events.on("error", (e) => errors.push(e.code));
    server.failPublishes = { count: 1, code: "sfu_negotiation_failed" };
    server.emit("sfu:restart", { reason: "moved" });
    await vi.waitFor(() => expect(errors).toEqual(["sfu_negotiation_failed"]));
  });

  it("switches camera and microphone on the published senders in place (no new publish, simulcast kept)", async () => {
    const { server, topology, connections } = setup();
    await vi.waitFor(() => expect(connections[0]?.signalingState).toBe("stable"));
    const camera = new FakeTrack("video").asTrack();
    const microphone = new FakeTrack("audio").asTrack();
    await topology.setLocalTrack("camera", camera);
    await topology.setLocalTrack("microphone", microphone);
    await settle();
    const senders = connections[0]!.transceivers.map((t) => t.sender.track);
    expect(senders).toContain(camera);
    expect(senders).toContain(microphone);
    expect(connections[0]!.transceivers).toHaveLength(2);
    expect(server.count("sfu:publish")).toBe(1);
  });

  it("adds the screen as its own m-line (renegotiating with the server) and deactivates it on stop", async () => {
    const { server, topology, connections } = setup();
    await vi.waitFor(() => expect(server.count("sfu:publish")).toBe(1));
    await topology.setLocalTrack("screen", new FakeTrack("video").asTrack());
    await vi.waitFor(() => expect(server.count("sfu:publish")).toBe(2));
    const withScreen = server.requests.filter((r) => r.event === "sfu:publish").at(-1)?.payload as ClientEventPayload<"sfu:publish">;
    expect(Object.values(withScreen.sources).sort()).toEqual(["camera", "microphone", "screen"]);
    // The first offer of a connection is "fresh" (the server drops anything stale); renegotiations are not.
    const publishes = server.requests.filter((r) => r.event === "sfu:publish").map((r) => (r.payload as { fresh?: boolean }).fresh);
    expect(publishes).toEqual([true, false]);
    await vi.waitFor(() => expect(connections[0]?.signalingState).toBe("stable"));
    await topology.setLocalTrack("screen", null);
    await vi.waitFor(() => expect(server.count("sfu:publish")).toBe(3));
    const without = server.requests.filter((r) => r.event === "sfu:publish").at(-1)?.payload as ClientEventPayload<"sfu:publish">;
    expect(Object.values(without.sources).sort()).toEqual(["camera", "microphone"]);
  });

  it("backs off between restarts while ICE to the media server keeps failing, then says it can't reach it", async () => {
    vi.useFakeTimers();
    const server = new ScriptedSfuServer();
    const connections: FakePeerConnection[] = [];
    const topology = new SfuTopology({
      selfId: SELF,
      iceServers: [],
      signal: server,
      createPeerConnection: () => {
        const pc = new FakePeerConnection();
        pc.autoConnect = false; // a network that never lets ICE through to the media server
        connections.push(pc);
        return pc;
      },
      localTracks: () => ({ microphone: new FakeTrack("audio").asTrack() }),
      restartBackoff: { baseMs: 1000, maxMs: 8000, random: () => 0 },
    });
    // Only the publishing connections matter here (no subscription offer is ever made).
    const publishers = connections;
    const errors: CallError[] = [];
    topology.events.on("error", (error) => errors.push(error));
    const publishedAt: number[] = [];
    let failed = 0;
    const failPublisher = async () => {
      const fresh = () => publishers.length > failed && publishers.at(-1)?.remoteDescription?.type === "answer";
      await advanceUntil(fresh, { stepMs: 1, timeoutMs: 60_000, what: "publish" });
      failed = publishers.length;
      publishedAt.push(Date.now());
      publishers.at(-1)?.setConnectionState("failed");
    };

    await failPublisher();
    for (let i = 0; i < 5; i++) await failPublisher();
    // Waits of 0.5, 1, 2, 4, 4 s (random() = 0 keeps only the fixed half of 1, 2, 4, 8, 8 s), not an instant loop.
    const gaps = publishedAt.slice(1).map((at, i) => at - (publishedAt[i] as number));
    expect(gaps.map((gap) => Math.round(gap / 100) * 100)).toEqual([500, 1000, 2000, 4000, 4000]);
    expect(server.count("sfu:publish")).toBe(6);
    // After the third failed restart in a row the user hears why: exactly once, with a typed code.
    expect(errors.map((e) => e.code)).toEqual(["media_unreachable"]);
    expect(errors[0]?.message).toBe("Can't reach the media server — check your network / firewall.");

    // Once it connects, the count starts over: the next failure restarts after the first, short wait again.
    await advanceUntil(() => publishers.length > failed && publishers.at(-1)?.remoteDescription?.type === "answer", {
      stepMs: 1,
      timeoutMs: 60_000,
      what: "publish",
    });
    publishers.at(-1)?.setConnectionState("connected");
    const before = server.count("sfu:publish");
    const failedAt = Date.now();
    publishers.at(-1)?.setConnectionState("failed");
    await advanceUntil(() => server.count("sfu:publish") === before + 1, { stepMs: 10, what: "restart" });
    expect(Date.now() - failedAt).toBeLessThan(600);

    // Closing cancels a pending restart.
    failed = publishers.length - 1;
    await advanceUntil(() => publishers.at(-1)?.remoteDescription?.type === "answer", { stepMs: 1, what: "publish" });
    publishers.at(-1)?.setConnectionState("failed");
    topology.close();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(server.count("sfu:publish")).toBe(before + 1);
  });

  it("hands renewed TURN credentials to its connections and uses them for the next ones", async () => {
    const { server, topology, connections } = setup();
    await vi.waitFor(() => expect(server.count("sfu:publish")).toBe(1));
    const fresh = [{ urls: ["turn:turn.example:3478"], username: "1800000000:me", credential: "new" }];
    topology.updateIceServers(fresh);
    expect(connections[0]?.iceServers).toEqual(fresh);
    server.emit("sfu:restart", { reason: "node_lost" });
    await vi.waitFor(() => expect(server.count("sfu:publish")).toBe(2));
    expect(connections.at(-1)?.iceServers).toEqual(fresh);
  });
});
