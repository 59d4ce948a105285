import type { Participant, Topology } from "@parley/protocol";
import { afterEach, describe, expect, it, vi } from "vitest";
import { Emitter } from "../emitter";
import type { LocalMedia } from "../media/local-media";
import type { SignalChannel } from "../signal/signal-channel";
import { FakeTrack } from "../testing/fake-media";
import type { MediaTransport, MediaTransportEvents, PeerConnectionState } from "../topology/media-transport";
import type { CallOptions, TransportContext } from "./call-types";
import { Participants } from "./participants";
import { Transports } from "./transports";

const SELF = "00000000-0000-4000-8000-0000000000ff";
const ANA = "00000000-0000-4000-8000-00000000000a";

class StubTransport implements MediaTransport {
  readonly events = new Emitter<MediaTransportEvents>();
  readonly participants: string[] = [];
  readonly preferences: Record<string, string>[] = [];
  closed = false;
  constructor(readonly topology: Topology) {}
  addParticipant(id: string): void {
    this.participants.push(id);
  }
  removeParticipant(): void {}
  setVideoPreferences(preferences: ReadonlyMap<string, string>): void {
    this.preferences.push(Object.fromEntries(preferences));
  }
  async setLocalTrack(): Promise<void> {}
  recover(): void {}
  async getStats(): Promise<Map<string, RTCStatsReport>> {
    return new Map();
  }
  connectionStates(): Map<string, PeerConnectionState> {
    return new Map();
  }
  close(): void {
    this.closed = true;
    this.events.emit("connectionStateChanged", ANA, "closed");
  }
}

function participant(id: string): Participant {
  return { id, name: "Ana", role: "guest", audioMuted: false, videoMuted: false, screenSharing: false, handRaised: false, joinedAt: new Date(0).toISOString() };
}

function track(muted: boolean): MediaStreamTrack {
  const t = new FakeTrack("video").asTrack();
  Object.defineProperty(t, "muted", { value: muted, writable: true, configurable: true });
  return t;
}

function setup() {
  const made: StubTransport[] = [];
  const options = {
    createTransport: (context: TransportContext) => {
      const stub = new StubTransport(context.topology);
      made.push(stub);
      return stub;
    },
    localMedia: { track: () => null } as unknown as LocalMedia,
    signal: {} as SignalChannel,
  } as unknown as CallOptions;
  let transports: Transports | null = null;
  const participants = new Participants({
    emit: () => undefined,
    changed: () => undefined,
    transport: () => transports?.current ?? null,
    selfId: () => SELF,
    onLeft: () => undefined,
  });
  transports = new Transports({ options, participants, onError: () => undefined, retireAfterMs: 4_000 });
  return { made, participants, transports };
}

afterEach(() => vi.useRealTimers());

describe("Transports: switching topology without leaving", () => {
  it("keeps the mesh playing until the SFU's camera carries media, then retires the mesh quietly", async () => {
    const { made, participants, transports } = setup();
    transports.open("mesh", SELF, []);
    participants.join(participant(ANA));
    const meshCamera = track(false);
    made[0]!.events.emit("trackAdded", ANA, { source: "camera", track: meshCamera, mid: "1" });
    made[0]!.events.emit("connectionStateChanged", ANA, "connected");
    expect(participants.get(ANA)?.tracks.camera).toBe(meshCamera);

    transports.switchTo("sfu", SELF, [], [ANA]);
    expect(made.map((t) => t.topology)).toEqual(["mesh", "sfu"]);
    expect(made[1]!.participants).toEqual([ANA]);
    expect(transports.topology).toBe("sfu");

    // The SFU's camera arrives muted (no packets yet): the tile keeps the mesh picture.
    const sfuCamera = track(true);
    made[1]!.events.emit("trackAdded", ANA, { source: "camera", track: sfuCamera, mid: "sfu-3" });
    await Promise.resolve();
    expect(participants.get(ANA)?.tracks.camera).toBe(meshCamera);
    expect(made[0]!.closed).toBe(false);

    // First packets: the tile switches, the mesh goes, and its "closed" state never reaches the roster.
    (sfuCamera as { muted: boolean }).muted = false;
    sfuCamera.dispatchEvent(new Event("unmute"));
    await vi.waitFor(() => expect(made[0]!.closed).toBe(true));
    expect(participants.get(ANA)?.tracks.camera).toBe(sfuCamera);
    expect(participants.get(ANA)?.connectionState).toBe("connected");
  });

  it("retires the old transport after retireAfterMs when a camera never arrives", () => {
    vi.useFakeTimers();
    const { made, participants, transports } = setup();
    transports.open("mesh", SELF, []);
    participants.join(participant(ANA));
    transports.switchTo("sfu", SELF, [], [ANA]);
    vi.advanceTimersByTime(3_999);
    expect(made[0]!.closed).toBe(false);
    vi.advanceTimersByTime(1);
    expect(made[0]!.closed).toBe(true);
    transports.switchTo("sfu", SELF, [], [ANA]);
    expect(made).toHaveLength(2); // same topology: nothing to do
  });

  it("remembers layer preferences across a switch", () => {
    const { made, transports } = setup();
    transports.open("mesh", SELF, []);
    transports.setVideoPreferences(new Map([[ANA, "low"]]));
    transports.switchTo("sfu", SELF, [], []);
    expect(made[1]!.preferences).toEqual([{ [ANA]: "low" }]);
  });
});
