import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listRecordedTracks, participantOf, publisherRecordingBaseName } from "./tracks";

/** An .mjr with only its header (what janus-pp-rec --json reads): magic, length, JSON. */
function mjrHeader(info: Record<string, unknown>): Buffer {
  const json = Buffer.from(JSON.stringify(info));
  const length = Buffer.alloc(2);
  length.writeUInt16BE(json.length);
  return Buffer.concat([Buffer.from("MJR00002"), length, json]);
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "parley-tracks-"));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe("listRecordedTracks (real janus-pp-rec on crafted headers)", () => {
  it("reads a whole-connection publisher's sources from the stream descriptions, and the one-source names as before", async () => {
    const s = 1_700_000_000_000_000;
    const base = publisherRecordingBaseName("p1_0a1b2c3d");
    await writeFile(join(dir, `${base}-audio-0.mjr`), mjrHeader({ t: "a", c: "opus", d: "microphone", s, u: s + 10 }));
    await writeFile(join(dir, `${base}-video-1.mjr`), mjrHeader({ t: "v", c: "vp8", d: "camera", s, u: s + 20 }));
    await writeFile(join(dir, `${base}-video-2.mjr`), mjrHeader({ t: "v", c: "vp8", d: "screen", s, u: s + 30 }));
    // No description (an older publisher): a camera.
    await writeFile(join(dir, "p2-publisher-video-1.mjr"), mjrHeader({ t: "v", c: "vp8", s, u: s + 40 }));
    await writeFile(join(dir, "p3-screen-video-0.mjr"), mjrHeader({ t: "v", c: "vp8", s, u: s + 50 }));
    // Opened, never written (u = 0), and not ours: left out.
    await writeFile(join(dir, "p4-publisher-video-1.mjr"), mjrHeader({ t: "v", c: "vp8", d: "camera", s, u: 0 }));
    await writeFile(join(dir, "notes.txt"), "x");

    const tracks = await listRecordedTracks(dir);
    expect(tracks.map((t) => [t.key, t.kind, t.source])).toEqual([
      ["p1_0a1b2c3d", "audio", "camera"],
      ["p1_0a1b2c3d", "video", "camera"],
      ["p1_0a1b2c3d", "video", "screen"],
      ["p2", "video", "camera"],
      ["p3", "video", "screen"],
    ]);
    expect(() => publisherRecordingBaseName("../etc")).toThrow(/recording key/);
  });

  it("tells the person from the publisher session: two sessions of one participant (before and after a Janus restart) are one person", async () => {
    const sessions = join(dir, "sessions");
    await mkdir(sessions);
    const s = 1_700_000_000_000_000;
    const before = publisherRecordingBaseName("3f2c9a1e-77b0-4c1d-9e8f-0a1b2c3d4e5f_0a1b2c3d");
    const after = publisherRecordingBaseName("3f2c9a1e-77b0-4c1d-9e8f-0a1b2c3d4e5f_9f8e7d6c");
    await writeFile(join(sessions, `${before}-video-1.mjr`), mjrHeader({ t: "v", c: "vp8", d: "camera", s, u: s + 10 }));
    await writeFile(join(sessions, `${after}-video-1.mjr`), mjrHeader({ t: "v", c: "vp8", d: "camera", s, u: s + 8_000_000 }));
    await writeFile(join(sessions, "other_12345678-publisher-video-1.mjr"), mjrHeader({ t: "v", c: "vp8", d: "camera", s, u: s + 20 }));
    await writeFile(join(sessions, "cleo-camera-video-0.mjr"), mjrHeader({ t: "v", c: "vp8", s, u: s + 30 }));

    const tracks = await listRecordedTracks(sessions);
    expect(tracks.map((t) => [t.key, t.participant])).toEqual([
      ["3f2c9a1e-77b0-4c1d-9e8f-0a1b2c3d4e5f_0a1b2c3d", "3f2c9a1e-77b0-4c1d-9e8f-0a1b2c3d4e5f"],
      ["3f2c9a1e-77b0-4c1d-9e8f-0a1b2c3d4e5f_9f8e7d6c", "3f2c9a1e-77b0-4c1d-9e8f-0a1b2c3d4e5f"],
      ["cleo", "cleo"],
      ["other_12345678", "other"],
    ]);
    // Only an 8-hex-digit session suffix is one; anything else is the person's own name.
    expect(participantOf("ada_notasess")).toBe("ada_notasess");
    expect(participantOf("ada_0A1B2C3D")).toBe("ada_0A1B2C3D");
    expect(participantOf("ada")).toBe("ada");
  });
});
