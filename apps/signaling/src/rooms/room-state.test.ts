import { describe, expect, it } from "vitest";
import type { MeetingForCall } from "../db";
import { applyTopology, newRoom, roomStateOf, type MemberState } from "./room-state";

const meeting = (mediaMode?: "AUTO" | "SFU"): MeetingForCall => ({
  id: "00000000-0000-4000-8000-000000000001",
  title: "T",
  hostId: "u",
  status: "SCHEDULED",
  lobbyEnabled: false,
  passcodeHash: null,
  ...(mediaMode ? { mediaMode } : {}),
});

function withMembers(count: number, mediaMode?: "AUTO" | "SFU") {
  const room = newRoom(meeting(mediaMode), 50);
  room.members = Array.from({ length: count }, (_, i) => ({ id: `m${i}` }) as MemberState);
  return room;
}

describe("applyTopology", () => {
  it("switches once, past meshMax, and never without an SFU", () => {
    const room = withMembers(4);
    expect(applyTopology(room, 4)).toBe(false);
    expect(roomStateOf(room).topology).toBe("mesh");
    room.members.push({ id: "m5" } as MemberState);
    expect(applyTopology(room, undefined)).toBe(false);
    expect(applyTopology(room, 4)).toBe(true);
    expect(applyTopology(room, 4)).toBe(false); // already the SFU
    expect(roomStateOf(room).topology).toBe("sfu");
  });

  it("meshMax 0 and meetings set to SFU use the SFU from the first participant; older rooms count as AUTO", () => {
    expect(applyTopology(withMembers(1), 0)).toBe(true);
    expect(applyTopology(withMembers(1, "SFU"), 4)).toBe(true);
    expect(applyTopology(withMembers(1, "AUTO"), 4)).toBe(false);
    expect(applyTopology(withMembers(1), 4)).toBe(false);
  });
});
