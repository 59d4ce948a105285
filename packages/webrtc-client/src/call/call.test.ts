import { qualityReportPayloadSchema, type QualityReportPayload } from "@parley/protocol";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { LocalMedia } from "../media/local-media";
import { FakeMediaDevices } from "../testing/fake-media";
import { FakePeerConnection } from "../testing/fake-peer-connection";
import { FakeSignalChannel, FakeSignalHub } from "../testing/fake-signal";
import { advanceUntil, drain, settle } from "../testing/fake-time";
import { Call } from "./call";
import type { CallEvents } from "./call-types";

// The hub, the fake peer connections and the Call's own timers all run on fake time: tests advance it
// until a condition holds (`until`, `settle`) or nothing is left to do (`drain`), never sleep on the wall clock.
const calls: Call[] = [];
beforeEach(() => vi.useFakeTimers());
afterEach(() => {
  for (const c of calls.splice(0)) c.close();
  vi.useRealTimers();
});

const until = (check: () => boolean, timeoutMs = 2000) => advanceUntil(check, { timeoutMs });

async function participant(hub: FakeSignalHub, opts: { video?: boolean; statsIntervalMs?: number; qualityReportIntervalMs?: number } = {}) {
  const localMedia = new LocalMedia({ devices: new FakeMediaDevices() });
  await localMedia.start({ video: opts.video ?? true });
  const pcs: FakePeerConnection[] = [];
  const signal = new FakeSignalChannel(hub);
  let tokens = 0;
  const call = new Call({
    meetingId: hub.meetingId,
    signal,
    localMedia,
    getJoinToken: async () => `token-${++tokens}`,
    createPeerConnection: (config) => {
      const pc = new FakePeerConnection(config.iceServers);
      pcs.push(pc);
      return pc;
    },
    statsIntervalMs: opts.statsIntervalMs ?? 0,
    ...(opts.qualityReportIntervalMs === undefined ? {} : { qualityReportIntervalMs: opts.qualityReportIntervalMs }),
  });
  calls.push(call);
  const errors: unknown[] = [];
  call.on("error", (e) => errors.push(e));
  return { call, signal, localMedia, pcs, errors, tokens: () => tokens };
}

/** Everyone sees everyone else with microphone and camera tracks. */
function fullyConnected(...ps: { call: Call }[]): boolean {
  return ps.every(({ call }) => {
    const others = call.participants;
    return others.length === ps.length - 1 && others.every((p) => p.tracks.microphone && p.tracks.camera && p.connectionState === "connected");
  });
}

describe("Call (mesh over fakes)", () => {
  it("the one already in the room offers first, so a newcomer gets its media after one exchange", async () => {
    // Ids are random: eight pairs make an id-based choice of roles fail this with probability 255/256.
    for (let order = 0; order < 8; order++) {
      const hub = new FakeSignalHub();
      const first = await participant(hub);
      await settle(first.call.join());
      await vi.advanceTimersByTimeAsync(5);
      const newcomer = await participant(hub);
      await settle(newcomer.call.join());
      await until(() => fullyConnected(first, newcomer));
      const descriptions = (sent: { event: string; payload: unknown }[]) =>
        sent.filter((m) => m.event === "signal:description").map((m) => (m.payload as { description: { type: string } }).description.type);
      // Whatever the ids, the newcomer's first description is an answer to the earlier member's offer.
      expect(descriptions(newcomer.signal.sent)[0], `run ${order}`).toBe("answer");
      expect(descriptions(first.signal.sent)[0], `run ${order}`).toBe("offer");
      first.call.close();
      newcomer.call.close();
    }
  });

  it("joins in one round trip: exactly one offer and one answer per pair, for two and for three participants", async () => {
    for (const size of [2, 3]) {
      const hub = new FakeSignalHub();
      const members: Awaited<ReturnType<typeof participant>>[] = [];
      for (let i = 0; i < size; i++) {
        const member = await participant(hub);
        await settle(member.call.join());
        await vi.advanceTimersByTimeAsync(5);
        members.push(member);
      }
      await until(() => fullyConnected(...members));
      await drain();
      // Per ordered pair (sender → receiver): which descriptions went that way.
      const perPair = new Map<string, string[]>();
      for (const member of members) {
        for (const m of member.signal.sent.filter((x) => x.event === "signal:description")) {
          const payload = m.payload as { to: string; description: { type: string } };
          const key = `${member.call.self?.id}->${payload.to}`;
          perPair.set(key, [...(perPair.get(key) ?? []), payload.description.type]);
        }
      }
      // Every pair: the earlier member sent exactly one offer, the newcomer exactly one answer, nothing else.
      const ids = members.map((m) => m.call.self?.id);
      const exchanges: (string[] | undefined)[][] = [];
      for (let i = 0; i < size; i++) {
        for (let j = i + 1; j < size; j++) exchanges.push([perPair.get(`${ids[i]}->${ids[j]}`), perPair.get(`${ids[j]}->${ids[i]}`)]);
      }
      expect(exchanges, `${size} participants`).toEqual(Array.from({ length: (size * (size - 1)) / 2 }, () => [["offer"], ["answer"]]));
      for (const member of members) member.call.close();
    }
  });

  it("three participants join and each receives the other two's microphone and camera", async () => {
    const hub = new FakeSignalHub();
    const a = await participant(hub);
    const b = await participant(hub);
    const c = await participant(hub);
    const joined: string[] = [];
    a.call.on("participantJoined", (p) => joined.push(p.id));
    expect(await settle(a.call.join())).toMatchObject({ status: "joined" });
    await settle(b.call.join());
    await settle(c.call.join());
    await until(() => fullyConnected(a, b, c));
    expect(a.call.state).toBe("connected");
    expect(joined).toHaveLength(2);
    expect(a.pcs).toHaveLength(2); // one peer connection per remote participant
    expect([a, b, c].flatMap((p) => p.errors)).toEqual([]);
  });

  it("mute is sent as media:update and shows on the others; camera off keeps the track slot", async () => {
    const hub = new FakeSignalHub();
    const a = await participant(hub);
    const b = await participant(hub);
    await settle(a.call.join());
    await settle(b.call.join());
    await until(() => fullyConnected(a, b));
    a.call.setAudioMuted(true);
    await until(() => b.call.participants[0]?.audioMuted === true);
    await settle(a.call.setVideoMuted(true));
    await until(() => b.call.participants[0]?.videoMuted === true);
    expect(a.localMedia.state.cameraTrack).toBeNull();
    const sender = a.pcs[0]?.transceivers.find((t) => t.kind === "video");
    expect(sender?.sender.track).toBeNull(); // replaceTrack(null): camera light off, no renegotiation
  });

  it("screen share reaches the others as an extra 'screen' track and goes away on stop", async () => {
    const hub = new FakeSignalHub();
    const a = await participant(hub);
    const b = await participant(hub);
    await settle(a.call.join());
    await settle(b.call.join());
    await until(() => fullyConnected(a, b));
    await settle(a.call.startScreenShare());
    await until(() => b.call.participants[0]?.tracks.screen !== undefined && b.call.participants[0]?.screenSharing === true);
    expect(b.call.participants[0]?.tracks.camera).toBeDefined();
    a.call.stopScreenShare();
    await until(() => b.call.participants[0]?.tracks.screen === undefined);
  });

  it("chat is delivered once to everyone, and history comes with the join", async () => {
    const hub = new FakeSignalHub();
    const a = await participant(hub);
    const b = await participant(hub);
    await settle(a.call.join());
    await settle(b.call.join());
    const seen: string[] = [];
    a.call.on("chatMessage", (m) => seen.push(m.body));
    await settle(a.call.sendChatMessage("hello"));
    await until(() => b.call.snapshot.messages.length === 1);
    await drain(); // the broadcast of our own message has arrived too, and was not shown twice
    expect(seen).toEqual(["hello"]);
    const c = await participant(hub);
    await settle(c.call.join());
    expect(c.call.snapshot.messages.map((m) => m.body)).toEqual(["hello"]);
  });

  it("a dropped signaling connection resumes the same participant without rebuilding media", async () => {
    const hub = new FakeSignalHub();
    const a = await participant(hub);
    const b = await participant(hub);
    await settle(a.call.join());
    await settle(b.call.join());
    await until(() => fullyConnected(a, b));
    const states: string[] = [];
    a.call.on("stateChanged", (s) => states.push(s));
    const left: unknown[] = [];
    b.call.on("participantLeft", (p) => left.push(p));
    const idBefore = a.call.self?.id;
    hub.drop(a.signal);
    expect(a.tokens()).toBe(2); // the re-join token is minted as soon as the link drops, not after it is back
    await until(() => states.includes("reconnecting") && a.call.state === "connected");
    expect(a.call.self?.id).toBe(idBefore);
    expect(a.pcs).toHaveLength(1); // same peer connection kept
    expect(a.pcs[0]?.closed).toBe(false);
    expect(left).toEqual([]);
    expect(a.tokens()).toBe(2); // a fresh token for the re-join
  });

  it("an offer sent while the peer is reconnecting is not lost (screen share during the peer's outage)", async () => {
    const hub = new FakeSignalHub();
    const a = await participant(hub);
    const b = await participant(hub);
    await settle(a.call.join());
    await settle(b.call.join());
    await until(() => fullyConnected(a, b));
    hub.drop(b.signal, 150);
    await settle(a.call.startScreenShare()); // the offer gets peer_unavailable while B is away
    await vi.advanceTimersByTimeAsync(50);
    expect(b.call.participants[0]?.tracks.screen).toBeUndefined();
    await until(() => b.call.state === "connected" && b.call.participants[0]?.tracks.screen !== undefined, 3000);
    expect(a.errors).toEqual([]);
  });

  it("after a signaling server restart (new ids) everyone rebuilds connections and is back", async () => {
    const hub = new FakeSignalHub();
    const a = await participant(hub);
    const b = await participant(hub);
    const c = await participant(hub);
    await settle(a.call.join());
    await settle(b.call.join());
    await settle(c.call.join());
    await until(() => fullyConnected(a, b, c));
    const oldIds = [a, b, c].map((p) => p.call.self?.id);
    hub.restart();
    await until(() => [a, b, c].every((p) => p.call.state === "reconnecting"));
    const rejoined = () => [a, b, c].every((p, i) => p.call.state === "connected" && p.call.self?.id !== oldIds[i]);
    await until(() => rejoined() && fullyConnected(a, b, c), 3000);
    const newIds = [a, b, c].map((p) => p.call.self?.id);
    expect(newIds.every((id, i) => id && id !== oldIds[i])).toBe(true);
    for (const p of [a, b, c]) {
      expect(p.call.participants.map((x) => x.id).sort()).toEqual(newIds.filter((id) => id !== p.call.self?.id).sort());
      expect(p.pcs.slice(0, 2).every((pc) => pc.closed)).toBe(true); // stale peers were torn down
    }
  });

  it("removed by host: the guest learns why and the call ends for them", async () => {
    const hub = new FakeSignalHub();
    const host = await participant(hub);
    const guest = await participant(hub);
    await settle(host.call.join());
    await settle(guest.call.join());
    const reasons: Parameters<CallEvents["removed"]>[0][] = [];
    guest.call.on("removed", (r) => reasons.push(r));
    await settle(host.call.removeParticipant(guest.call.self!.id));
    await until(() => guest.call.state === "disconnected");
    expect(reasons).toEqual(["removed_by_host"]);
    expect(guest.call.snapshot.disconnectReason).toBe("removed_by_host");
    await until(() => host.call.participants.length === 0);
  });

  it("a guest removed and blocked learns that it cannot come back (blocked_by_host)", async () => {
    const hub = new FakeSignalHub();
    const host = await participant(hub);
    const guest = await participant(hub);
    await settle(host.call.join());
    await settle(guest.call.join());
    await settle(host.call.removeParticipant(guest.call.self!.id, { block: true }));
    await until(() => guest.call.state === "disconnected");
    expect(guest.call.snapshot.disconnectReason).toBe("blocked_by_host");
  });

  it("the host makes a guest co-host and back: both sides see the role", async () => {
    const hub = new FakeSignalHub();
    const host = await participant(hub);
    const guest = await participant(hub);
    await settle(host.call.join());
    await settle(guest.call.join());
    const guestId = guest.call.self!.id;
    await settle(host.call.makeCohost(guestId));
    expect(host.call.participant(guestId)?.role).toBe("cohost");
    await until(() => guest.call.self?.role === "cohost");
    await settle(host.call.removeCohost(guestId));
    expect(host.call.participant(guestId)?.role).toBe("guest");
    await until(() => guest.call.self?.role === "guest");
  });

  it("a stateChanged listener reads the new state and its reason from the snapshot (not a stale copy)", async () => {
    const hub = new FakeSignalHub();
    const host = await participant(hub);
    const guest = await participant(hub);
    await settle(host.call.join());
    await settle(guest.call.join());
    expect(guest.call.snapshot.state).toBe("connected"); // read once, as a rendered page does
    const seen: string[] = [];
    guest.call.on("stateChanged", (state) => seen.push(`${state}:${guest.call.snapshot.state}:${guest.call.snapshot.disconnectReason}`));
    await settle(host.call.removeParticipant(guest.call.self!.id));
    await until(() => guest.call.state === "disconnected");
    expect(seen).toEqual(["disconnected:disconnected:removed_by_host"]);
  });

  it("a participant beyond capacity gets room_full and the call ends as join_failed", async () => {
    const hub = new FakeSignalHub();
    hub.room = { ...hub.room, capacity: 2 };
    const a = await participant(hub);
    const b = await participant(hub);
    const c = await participant(hub);
    await settle(a.call.join());
    await settle(b.call.join());
    await expect(settle(c.call.join())).rejects.toMatchObject({ code: "room_full" });
    expect(c.call.state).toBe("disconnected");
    expect(c.call.snapshot.disconnectReason).toBe("join_failed");
  });

  it("lobby: a guest waits until admitted, then connects", async () => {
    const hub = new FakeSignalHub();
    hub.room = { ...hub.room, lobbyEnabled: true };
    const host = await participant(hub);
    const guest = await participant(hub);
    await settle(host.call.join());
    const events: string[] = [];
    guest.call.on("lobbyWaiting", () => events.push("waiting"));
    guest.call.on("lobbyAdmitted", () => events.push("admitted"));
    expect(await settle(guest.call.join())).toEqual({ status: "waiting" });
    expect(guest.call.state).toBe("waiting");
    hub.admitAll();
    await until(() => fullyConnected(host, guest));
    expect(events).toEqual(["waiting", "admitted"]);
  });

  it("reads stats: remote video framesDecoded per participant, quality and active speaker", async () => {
    const hub = new FakeSignalHub();
    const a = await participant(hub, { statsIntervalMs: 20 });
    const b = await participant(hub);
    await settle(a.call.join());
    await settle(b.call.join());
    await until(() => fullyConnected(a, b));
    const remote = a.call.participants[0]!;
    const pc = a.pcs[0]!;
    let frames = 0;
    let received = 0;
    let lost = 0;
    const tick = () => {
      frames += 10;
      received += 100;
      lost += 20; // 20 lost per 120: ~17 % loss → poor
      pc.stats = new Map<string, unknown>([
        ["v", { id: "v", type: "inbound-rtp", kind: "video", timestamp: Date.now(), framesDecoded: frames, trackIdentifier: remote.tracks.camera!.id, packetsReceived: received, packetsLost: lost, bytesReceived: received * 1000 }],
        ["a", { id: "a", type: "inbound-rtp", kind: "audio", timestamp: Date.now(), audioLevel: 0.4, packetsReceived: 0, packetsLost: 0, bytesReceived: 0 }],
        ["cp", { id: "cp", type: "candidate-pair", state: "succeeded", nominated: true, currentRoundTripTime: 0.03 }],
      ]) as unknown as RTCStatsReport;
    };
    tick();
    const timer = setInterval(tick, 10);
    try {
      await until(() => a.call.snapshot.activeSpeakerId === remote.id && a.call.participants[0]?.quality === "poor");
      const first = await settle(a.call.getRemoteVideoStats());
      await vi.advanceTimersByTimeAsync(30);
      const second = await settle(a.call.getRemoteVideoStats());
      expect(first[remote.id]?.tracks[0]?.source).toBe("camera");
      expect(second[remote.id]!.framesDecoded).toBeGreaterThan(first[remote.id]!.framesDecoded);
    } finally {
      clearInterval(timer);
    }
  });

  it("sends a bounded quality report: median RTT, relay path, codec families, time to first frame", async () => {
    const hub = new FakeSignalHub();
    const a = await participant(hub, { statsIntervalMs: 20, qualityReportIntervalMs: 100 });
    const b = await participant(hub);
    await settle(a.call.join());
    await settle(b.call.join());
    await until(() => fullyConnected(a, b));
    let frames = 0;
    const pc = a.pcs[0]!;
    const tick = () => {
      frames += 10;
      pc.stats = new Map<string, unknown>([
        ["v", { id: "v", type: "inbound-rtp", kind: "video", timestamp: Date.now(), framesDecoded: frames, codecId: "c1", packetsReceived: frames, packetsLost: 0, bytesReceived: frames * 1000, jitter: 0.004 }],
        ["c1", { id: "c1", type: "codec", mimeType: "video/VP8" }],
        ["a", { id: "a", type: "inbound-rtp", kind: "audio", timestamp: Date.now(), codecId: "c2", packetsReceived: 10, packetsLost: 0, bytesReceived: 100 }],
        ["c2", { id: "c2", type: "codec", mimeType: "audio/opus" }],
        ["T", { id: "T", type: "transport", selectedCandidatePairId: "cp" }],
        ["cp", { id: "cp", type: "candidate-pair", state: "succeeded", nominated: true, currentRoundTripTime: 0.03, localCandidateId: "L", remoteCandidateId: "R" }],
        ["L", { id: "L", type: "local-candidate", candidateType: "relay" }],
        ["R", { id: "R", type: "remote-candidate", candidateType: "host" }],
      ]) as unknown as RTCStatsReport;
    };
    tick();
    const timer = setInterval(tick, 10);
    const reports = () => a.signal.sent.filter((s) => s.event === "quality:report").map((s) => s.payload as QualityReportPayload);
    try {
      await until(() => reports().length >= 2);
    } finally {
      clearInterval(timer);
    }
    const [first, second] = reports();
    for (const report of reports()) expect(qualityReportPayloadSchema.safeParse(report).success).toBe(true);
    expect(first).toMatchObject({ rttMs: 30, jitterMs: 4, path: "relay", videoCodec: "vp8", audioCodec: "opus", iceFailures: 0, packetLossPercent: 0 });
    expect(first!.timeToFirstFrameMs).toEqual(expect.any(Number));
    expect(second!.timeToFirstFrameMs).toBeNull(); // sent once
    expect(b.signal.sent.some((s) => s.event === "quality:report")).toBe(false); // b samples nothing (stats off)
  });

  it("checks state first: actions before join throw typed errors, close() is safe twice", async () => {
    const hub = new FakeSignalHub();
    const a = await participant(hub);
    await expect(a.call.sendChatMessage("x")).rejects.toMatchObject({ code: "invalid_state" });
    await settle(a.call.join());
    await expect(settle(a.call.join())).rejects.toMatchObject({ code: "invalid_state" });
    a.call.close();
    a.call.close();
    expect(a.call.state).toBe("disconnected");
    expect(a.signal.closed).toBe(true);
    await expect(a.call.sendChatMessage("x")).rejects.toMatchObject({ code: "closed" });
  });

  it("a listener that throws does not break the call", async () => {
    const hub = new FakeSignalHub();
    const a = await participant(hub);
    const b = await participant(hub);
    const report = vi.spyOn(console, "error").mockImplementation(() => undefined);
    a.call.on("participantJoined", () => {
      throw new Error("bad listener");
    });
    await settle(a.call.join());
    await settle(b.call.join());
    await until(() => fullyConnected(a, b));
    expect(report).toHaveBeenCalled();
    report.mockRestore();
  });
});

describe("Call recording control", () => {
  it("the host starts and stops recording: both snapshots show room.recording from the ack and from recording:state", async () => {
    const hub = new FakeSignalHub();
    const host = await participant(hub);
    const guest = await participant(hub);
    await settle(host.call.join());
    await settle(guest.call.join());
    expect(guest.call.snapshot.room?.recording ?? false).toBe(false);

    const started = await settle(host.call.startRecording());
    expect(started).toMatchObject({ meetingId: hub.meetingId, recording: true });
    expect(host.signal.sent.filter((m) => m.event === "recording:start")).toEqual([{ event: "recording:start", payload: { meetingId: hub.meetingId } }]);
    expect(host.call.snapshot.room?.recording).toBe(true);
    await until(() => guest.call.snapshot.room?.recording === true);

    await settle(host.call.stopRecording());
    expect(host.call.snapshot.room?.recording).toBe(false);
    await until(() => guest.call.snapshot.room?.recording === false);
  });

  it("a refusal from the server rejects with its code and changes nothing", async () => {
    const hub = new FakeSignalHub();
    hub.recordingRefusal = { code: "recording_unavailable", message: "No media server is configured." };
    const host = await participant(hub);
    await settle(host.call.join());
    await expect(settle(host.call.startRecording())).rejects.toMatchObject({ code: "recording_unavailable" });
    expect(host.call.snapshot.room?.recording ?? false).toBe(false);
  });

  it("cannot record before joining", async () => {
    const hub = new FakeSignalHub();
    const host = await participant(hub);
    await expect(host.call.startRecording()).rejects.toMatchObject({ code: "invalid_state" });
  });
});
