import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { fakeTrack } from "../testing/fake-media";
import { FakePeerConnection } from "../testing/fake-peer-connection";
import { drain } from "../testing/fake-time";
import { type OutgoingSignal, PeerSession, type RemoteTrackInfo } from "./peer-session";

/**
 * Two sessions wired through an in-memory relay that delivers asynchronously and in order, like a socket,
 * each message `delayMs()` of fake time after it was sent (1 ms unless told) but never before an earlier one.
 */
function pair(options: { deliver?: boolean; delayMs?: (to: "A" | "B") => number; configure?: (pcA: FakePeerConnection, pcB: FakePeerConnection) => void } = {}) {
  const pcA = new FakePeerConnection();
  const pcB = new FakePeerConnection();
  options.configure?.(pcA, pcB);
  const inbox: { A: OutgoingSignal[]; B: OutgoingSignal[] } = { A: [], B: [] };
  let auto = options.deliver ?? true;
  const lastDelivery = { A: 0, B: 0 };
  const sessions: { a?: PeerSession; b?: PeerSession } = {};
  const deliver = (to: "A" | "B", signal: OutgoingSignal) => {
    const target = to === "A" ? sessions.a : sessions.b;
    if (!target) return;
    if (signal.type === "description") void target.handleDescription(signal.description, signal.sources);
    else void target.handleCandidate(signal.candidate);
  };
  const relay = (to: "A" | "B") => (signal: OutgoingSignal) => {
    if (!auto) return void inbox[to].push(signal);
    const at = Math.max(Date.now() + (options.delayMs?.(to) ?? 1), lastDelivery[to]);
    lastDelivery[to] = at;
    setTimeout(() => deliver(to, signal), at - Date.now());
  };
  // "a" < "b": A is impolite, B is polite (ids compared as strings).
  const a = new PeerSession({ remoteId: "b", polite: false, pc: pcA, send: relay("B"), initialTracks: { microphone: fakeTrack("audio"), camera: fakeTrack("video") } });
  const b = new PeerSession({ remoteId: "a", polite: true, pc: pcB, send: relay("A"), initialTracks: { microphone: fakeTrack("audio"), camera: fakeTrack("video") } });
  sessions.a = a;
  sessions.b = b;
  const tracksAtA: RemoteTrackInfo[] = [];
  const tracksAtB: RemoteTrackInfo[] = [];
  const errors: unknown[] = [];
  a.on("trackAdded", (t) => tracksAtA.push(t));
  b.on("trackAdded", (t) => tracksAtB.push(t));
  a.on("trackRemoved", (t) => tracksAtA.splice(tracksAtA.findIndex((x) => x.mid === t.mid), 1));
  b.on("trackRemoved", (t) => tracksAtB.splice(tracksAtB.findIndex((x) => x.mid === t.mid), 1));
  a.on("error", (e) => errors.push(e));
  b.on("error", (e) => errors.push(e));
  return {
    a, b, pcA, pcB, tracksAtA, tracksAtB, errors, inbox,
    flush(to: "A" | "B") {
      for (const s of inbox[to].splice(0)) deliver(to, s);
    },
    setAuto(value: boolean) {
      auto = value;
    },
  };
}

/** A small deterministic PRNG (mulberry32), so that "random" delivery orders are the same on every run. */
function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const sources = (tracks: RemoteTrackInfo[]) => tracks.map((t) => t.source).sort();

// Every test runs on fake timers: `drain()` runs the relay, the fake connections and the sessions until
// nothing is left to do, so the assertions never depend on how fast the machine is.
beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe("PeerSession perfect negotiation", () => {
  it("sets up in one offer/answer without glare: the polite side sends its tracks on the offered m-lines", async () => {
    const p = pair({
      configure: (_pcA, pcB) => {
        // As in Chromium: had B offered too, A's offer would roll B back mid-gathering, and B would never connect.
        pcB.gatherDelayMs = 20;
        pcB.rollbackStopsGathering = true;
      },
    });
    await drain();
    // One round trip carries both sides' microphone and camera: no second offer from the polite side.
    expect(p.pcB.log).toEqual(["remote-offer", "answer"]);
    expect(p.pcA.log).toEqual(["offer", "remote-answer"]);
    expect(p.pcB.transceivers.map((t) => [t.kind, t.direction])).toEqual([["audio", "sendrecv"], ["video", "sendrecv"]]);
    expect([p.pcA.rollbacks, p.pcB.rollbacks]).toEqual([0, 0]);
    expect([p.pcA.signalingState, p.pcB.signalingState]).toEqual(["stable", "stable"]);
    expect(sources(p.tracksAtA)).toEqual(["camera", "microphone"]);
    expect(sources(p.tracksAtB)).toEqual(["camera", "microphone"]);
    expect([p.pcA.connectionState, p.pcB.connectionState]).toEqual(["connected", "connected"]);
    expect(p.errors).toEqual([]);
  });

  it("resolves glare (both sides renegotiate at once) without deadlock: polite rolls back, both get media", async () => {
    const p = pair();
    await drain();
    // Both share their screens in the same tick: both offer at once.
    await Promise.all([p.a.setTrack("screen", fakeTrack("video")), p.b.setTrack("screen", fakeTrack("video"))]);
    await drain();
    expect(p.pcB.rollbacks).toBeGreaterThanOrEqual(1); // the polite side yielded
    expect(p.pcA.rollbacks).toBe(0); // the impolite side ignored the colliding offer
    expect([p.pcA.signalingState, p.pcB.signalingState]).toEqual(["stable", "stable"]);
    expect(sources(p.tracksAtA)).toEqual(["camera", "microphone", "screen"]);
    expect(sources(p.tracksAtB)).toEqual(["camera", "microphone", "screen"]);
    expect(p.errors).toEqual([]);
  });

  it("resolves glare when the offers cross in flight", async () => {
    const p = pair();
    await drain();
    p.setAuto(false);
    await Promise.all([p.a.setTrack("screen", fakeTrack("video")), p.b.setTrack("screen", fakeTrack("video"))]);
    await vi.advanceTimersByTimeAsync(10); // both sides have made their offers; none is delivered yet
    expect(p.inbox.A.some((s) => s.type === "description" && s.description.type === "offer")).toBe(true);
    expect(p.inbox.B.some((s) => s.type === "description" && s.description.type === "offer")).toBe(true);
    p.setAuto(true);
    p.flush("A");
    p.flush("B");
    await drain();
    expect(p.pcB.rollbacks).toBeGreaterThanOrEqual(1);
    expect(p.pcA.signalingState).toBe("stable");
    expect(p.pcB.signalingState).toBe("stable");
    expect(sources(p.tracksAtA)).toEqual(["camera", "microphone", "screen"]);
    expect(sources(p.tracksAtB)).toEqual(["camera", "microphone", "screen"]);
    expect(p.errors).toEqual([]);
  });

  it("sends an offer again when its answer is lost, which also unblocks a polite peer whose offer was ignored meanwhile", async () => {
    const p = pair();
    await drain();
    p.setAuto(false);
    await p.a.setTrack("screen", fakeTrack("video"));
    await vi.advanceTimersByTimeAsync(10);
    p.flush("B"); // B gets A's offer and answers...
    await vi.advanceTimersByTimeAsync(10);
    expect(p.inbox.A.map((s) => (s.type === "description" ? s.description.type : s.type))).toContain("answer");
    p.inbox.A.splice(0); // ...but the answer is lost (a signaling restart drops what is in flight)
    await p.b.setTrack("screen", fakeTrack("video")); // B offers its own screen
    await vi.advanceTimersByTimeAsync(10);
    p.setAuto(true);
    p.flush("A"); // A, still waiting for its answer, is impolite: it ignores B's offer
    await vi.advanceTimersByTimeAsync(10);
    expect([p.pcA.signalingState, p.pcB.signalingState]).toEqual(["have-local-offer", "have-local-offer"]);
    await drain(); // A's offer goes again after a backoff; B sees the offer it answered and repeats its answer
    expect([p.pcA.signalingState, p.pcB.signalingState]).toEqual(["stable", "stable"]);
    // B never rolled its own offer back for the repeated one (Chromium may then never gather on that connection):
    // its offer got through on its own resend once A was stable.
    expect([p.pcA.rollbacks, p.pcB.rollbacks]).toEqual([0, 0]);
    expect(sources(p.tracksAtA)).toEqual(["camera", "microphone", "screen"]);
    expect(sources(p.tracksAtB)).toEqual(["camera", "microphone", "screen"]);
    expect(p.errors).toEqual([]);
  });

  it("converges whatever the delivery delays (seeded random orders, setup and both sides renegotiating at once)", async () => {
    for (let seed = 1; seed <= 40; seed++) {
      const random = seededRandom(seed);
      const p = pair({ delayMs: () => Math.floor(random() * 20) });
      await vi.advanceTimersByTimeAsync(Math.floor(random() * 30)); // mid-setup, or after it
      await Promise.all([p.a.setTrack("screen", fakeTrack("video")), p.b.setTrack("screen", fakeTrack("video"))]);
      await drain();
      const state = { seed, a: p.pcA.signalingState, b: p.pcB.signalingState, errors: p.errors };
      expect(state).toEqual({ seed, a: "stable", b: "stable", errors: [] });
      expect(sources(p.tracksAtA), `seed ${seed}`).toEqual(["camera", "microphone", "screen"]);
      expect(sources(p.tracksAtB), `seed ${seed}`).toEqual(["camera", "microphone", "screen"]);
      expect([p.pcA.connectionState, p.pcB.connectionState], `seed ${seed}`).toEqual(["connected", "connected"]);
      p.a.close();
      p.b.close();
    }
  });

  it("restarts ICE (impolite side only) when a negotiated connection never leaves 'new'", async () => {
    // Impolite: offers, gets an answer, then stays "new".
    const pc = new FakePeerConnection();
    pc.stallGathering();
    const sent: OutgoingSignal[] = [];
    const session = new PeerSession({ remoteId: "x", polite: false, pc, send: (s) => sent.push(s), initialTracks: { microphone: fakeTrack("audio") }, stalledRestartMs: 5000 });
    await vi.advanceTimersByTimeAsync(1); // negotiationneeded → our offer
    const offer = sent.find((s) => s.type === "description");
    if (offer?.type !== "description") throw new Error("no offer sent");
    const remote = new FakePeerConnection();
    await remote.setRemoteDescription(offer.description);
    await remote.setLocalDescription();
    await session.handleDescription(remote.localDescription!, {});
    expect(pc.signalingState).toBe("stable");
    await vi.advanceTimersByTimeAsync(4900);
    expect(pc.restartIceCalls).toBe(0);
    await vi.advanceTimersByTimeAsync(200);
    expect(pc.connectionState).toBe("new");
    expect(pc.restartIceCalls).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(sent.filter((s) => s.type === "description")).toHaveLength(2); // a fresh offer with new credentials
    session.close();

    // Polite: answers the remote's offer, stays "new", and leaves the restart to the other side.
    const politePc = new FakePeerConnection();
    politePc.stallGathering();
    const polite = new PeerSession({ remoteId: "y", polite: true, pc: politePc, send: () => undefined, stalledRestartMs: 5000 });
    const offerer = new FakePeerConnection();
    offerer.addTransceiver("audio", { direction: "sendonly", track: fakeTrack("audio") });
    await offerer.setLocalDescription();
    await polite.handleDescription(offerer.localDescription!, { "0": "microphone" });
    expect(politePc.signalingState).toBe("stable");
    await vi.advanceTimersByTimeAsync(6000);
    expect([politePc.connectionState, politePc.restartIceCalls]).toEqual(["new", 0]);
    polite.close();
  });

  it("queues candidates that arrive before the remote description", async () => {
    const pc = new FakePeerConnection();
    const sent: OutgoingSignal[] = [];
    const session = new PeerSession({ remoteId: "x", polite: true, pc, send: (s) => sent.push(s) });
    const remote = new FakePeerConnection();
    remote.addTransceiver("audio", { direction: "sendonly", track: fakeTrack("audio") });
    await remote.setLocalDescription();
    const ufrag = remote.ufrag;
    await session.handleCandidate({ candidate: "candidate:early", sdpMid: "0", usernameFragment: ufrag });
    expect(pc.addedCandidates).toEqual([]); // would have thrown InvalidStateError on a real connection
    await session.handleDescription(remote.localDescription!, { "0": "microphone" });
    expect(pc.addedCandidates.map((c) => c.candidate)).toEqual(["candidate:early"]);
    expect(sent.some((s) => s.type === "description" && s.description.type === "answer")).toBe(true);
    session.close();
  });

  it("adds a screen share as an extra video track with renegotiation, keeps the camera, and removes it on stop", async () => {
    const p = pair();
    await drain();
    const offersBefore = p.pcA.log.filter((x) => x === "offer").length;
    await p.a.setTrack("screen", fakeTrack("video"));
    await drain();
    expect(p.pcA.log.filter((x) => x === "offer").length).toBe(offersBefore + 1);
    expect(sources(p.tracksAtB)).toEqual(["camera", "microphone", "screen"]);
    await p.a.setTrack("screen", null);
    await drain();
    expect(sources(p.tracksAtB)).toEqual(["camera", "microphone"]);
    // Sharing again reuses the transceiver: still one screen m-line.
    await p.a.setTrack("screen", fakeTrack("video"));
    await drain();
    expect(sources(p.tracksAtB)).toEqual(["camera", "microphone", "screen"]);
    expect(p.pcA.transceivers.length).toBe(3); // microphone and camera (both directions) + 1 screen
  });

  it("switches camera and microphone with replaceTrack, no renegotiation", async () => {
    const p = pair();
    await drain();
    const offers = p.pcA.log.length;
    const next = fakeTrack("video");
    await p.a.setTrack("camera", next);
    await p.a.setTrack("microphone", null);
    await drain();
    expect(p.pcA.log.length).toBe(offers);
    expect(p.pcA.transceivers.find((t) => t.kind === "video" && t.direction === "sendrecv")?.sender.track).toBe(next);
  });

  it("the polite side answers with the tracks it has when the offer arrives (changed or turned off before)", async () => {
    const p = pair({ deliver: false });
    const camera = fakeTrack("video");
    await p.b.setTrack("camera", camera); // a device switch before the first offer arrives
    await p.b.setTrack("microphone", null); // and the microphone off
    await vi.advanceTimersByTimeAsync(5);
    expect(p.pcB.log).toEqual([]); // the polite side still waits for the opener
    p.setAuto(true);
    p.flush("B");
    await drain();
    expect(p.pcB.log).toEqual(["remote-offer", "answer"]);
    const [mic, cam] = p.pcB.transceivers;
    expect([mic?.sender.track, cam?.sender.track]).toEqual([null, camera]);
    expect(sources(p.tracksAtA)).toEqual(["camera", "microphone"]);
    expect(p.errors).toEqual([]);
  });

  it("restarts ICE when the connection fails and recovers", async () => {
    const p = pair();
    await drain();
    const ufragBefore = p.pcA.ufrag;
    p.pcA.setConnectionState("failed");
    p.pcB.setConnectionState("failed");
    await drain();
    expect(p.pcA.restartIceCalls + p.pcB.restartIceCalls).toBeGreaterThanOrEqual(1);
    expect(p.pcA.ufrag).not.toBe(ufragBefore);
    expect(p.pcA.connectionState).toBe("connected");
    expect(p.pcB.connectionState).toBe("connected");
    expect(p.pcA.signalingState).toBe("stable");
    expect(p.errors).toEqual([]);
  });

  it("restarts ICE only when 'disconnected' lasts longer than the grace period", async () => {
    const pc = new FakePeerConnection();
    const session = new PeerSession({ remoteId: "x", polite: false, pc, send: () => undefined, disconnectedRestartMs: 3000 });
    pc.setConnectionState("disconnected");
    await vi.advanceTimersByTimeAsync(2000);
    pc.setConnectionState("connected"); // healed by itself
    await vi.advanceTimersByTimeAsync(5000);
    expect(pc.restartIceCalls).toBe(0);
    pc.setConnectionState("disconnected");
    await vi.advanceTimersByTimeAsync(3100);
    expect(pc.restartIceCalls).toBe(1);
    session.close();
  });

  it("close() is idempotent and public methods then throw a typed error", async () => {
    const p = pair();
    await drain();
    p.a.close();
    p.a.close();
    expect(p.pcA.closed).toBe(true);
    await expect(p.a.setTrack("camera", null)).rejects.toMatchObject({ code: "closed" });
    p.b.close();
  });
});
