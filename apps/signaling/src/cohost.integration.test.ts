import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Joined } from "@parley/protocol";
import { nextEvent, recordEvents, request, sleep, startHarness, type Client, type Harness, type Person } from "./testing/harness";

let h: Harness;
beforeAll(async () => {
  h = await startHarness(inject("databaseUrl"));
});
afterAll(() => h.close());

const forbidden = { ok: false, error: { code: "forbidden" } };

/** A meeting with its host and two guests in the call (no lobby). */
async function callOfThree(options: { lobbyEnabled?: boolean } = {}) {
  const meeting = await h.createMeeting(options);
  const host = await h.joined(meeting.id, meeting.host);
  const joinGuest = async (person: Person) => {
    if (!options.lobbyEnabled) return h.joined(meeting.id, person);
    const { client, ack } = await h.join(meeting.id, person);
    if (!ack.ok || ack.data.status !== "waiting") throw new Error("expected the lobby");
    const admitted = nextEvent(client, "lobby:admitted");
    await request(host.client, "lobby:admit", { participantId: ack.data.lobbyId });
    return { client, joined: await admitted };
  };
  const aPerson = h.guest("Ada");
  const a = await joinGuest(aPerson);
  const b = await joinGuest(h.guest("Bo"));
  return { meeting, host, a, aPerson, b };
}

async function promote(host: Client, target: Joined) {
  const ack = await request(host, "host:promote", { participantId: target.self.id });
  expect(ack).toMatchObject({ ok: true, data: { id: target.self.id, role: "cohost" } });
}

describe("co-hosts", () => {
  it("the host promotes a guest: everyone hears it, and the co-host mutes and removes guests", async () => {
    const { host, a, b } = await callOfThree();
    const bHears = nextEvent(b.client, "participant:updated");
    const aHears = nextEvent(a.client, "participant:updated");
    await promote(host.client, a.joined);
    expect(await bHears).toMatchObject({ id: a.joined.self.id, role: "cohost" });
    expect(await aHears).toMatchObject({ id: a.joined.self.id, role: "cohost" });

    const muted = nextEvent(b.client, "media:muted");
    const hostHears = nextEvent(host.client, "participant:updated");
    expect(await request(a.client, "host:mute", { participantId: b.joined.self.id })).toMatchObject({
      ok: true,
      data: { id: b.joined.self.id, audioMuted: true },
    });
    expect(await muted).toEqual({ by: a.joined.self.id, kind: "audio" });
    expect(await hostHears).toMatchObject({ id: b.joined.self.id, audioMuted: true });

    expect(await request(a.client, "host:lock", {})).toMatchObject({ ok: true, data: { locked: true } });
    expect(await request(a.client, "host:unlock", {})).toMatchObject({ ok: true, data: { locked: false } });

    const removed = nextEvent(b.client, "room:removed");
    expect(await request(a.client, "host:remove", { participantId: b.joined.self.id })).toEqual({ ok: true, data: {} });
    expect(await removed).toEqual({ reason: "removed_by_host" });
  });

  it("a promoted co-host hears the lobby at once and admits from it; demoted, it hears nothing more", async () => {
    const { meeting, host, a } = await callOfThree({ lobbyEnabled: true });
    const knocker = await h.join(meeting.id, h.guest("Knock"));
    if (!knocker.ack.ok || knocker.ack.data.status !== "waiting") throw new Error("expected the lobby");
    const lobbyNow = nextEvent(a.client, "lobby:updated");
    await promote(host.client, a.joined);
    expect((await lobbyNow).waiting.map((entry) => entry.name)).toEqual(["Knock"]);

    const admitted = nextEvent(knocker.client, "lobby:admitted");
    expect(await request(a.client, "lobby:admit", { participantId: knocker.ack.data.lobbyId })).toEqual({ ok: true, data: {} });
    expect((await admitted).self).toMatchObject({ name: "Knock", role: "guest" });

    const emptied = nextEvent(a.client, "lobby:updated");
    expect(await request(host.client, "host:demote", { participantId: a.joined.self.id })).toMatchObject({
      ok: true,
      data: { id: a.joined.self.id, role: "guest" },
    });
    expect(await emptied).toEqual({ waiting: [] });
    const aSeen = recordEvents(a.client);
    const hostHears = nextEvent(host.client, "lobby:updated");
    const second = await h.join(meeting.id, h.guest("Second"));
    if (!second.ack.ok || second.ack.data.status !== "waiting") throw new Error("expected the lobby");
    expect((await hostHears).waiting.map((entry) => entry.name)).toEqual(["Second"]);
    await sleep(50);
    expect(aSeen.filter((seen) => seen.event === "lobby:updated")).toEqual([]);
    expect(await request(a.client, "lobby:admit", { participantId: second.ack.data.lobbyId })).toMatchObject(forbidden);
  });

  it("refuses a guest's host:mute and host:promote with forbidden, and nothing changes", async () => {
    const { meeting, host, a, b } = await callOfThree();
    const hostSeen = recordEvents(host.client);
    const bSeen = recordEvents(b.client);
    expect(await request(a.client, "host:mute", { participantId: b.joined.self.id })).toMatchObject(forbidden);
    expect(await request(a.client, "host:promote", { participantId: a.joined.self.id })).toMatchObject(forbidden);
    expect(await request(a.client, "host:promote", { participantId: b.joined.self.id })).toMatchObject(forbidden);
    expect(await request(a.client, "host:demote", { participantId: host.joined.self.id })).toMatchObject(forbidden);
    await sleep(50);
    expect(hostSeen).toEqual([]);
    expect(bSeen).toEqual([]);
    const { joined: view } = await h.joined(meeting.id, h.guest("Viewer"));
    expect(view.participants.find((p) => p.id === a.joined.self.id)).toMatchObject({ role: "guest" });
    expect(view.participants.find((p) => p.id === b.joined.self.id)).toMatchObject({ role: "guest", audioMuted: false });
  });

  it("a co-host cannot remove, mute or demote the host, nor promote or demote anyone, nor remove another co-host", async () => {
    const { meeting, host, a, b } = await callOfThree();
    await promote(host.client, a.joined);
    await promote(host.client, b.joined);
    const hostSeen = recordEvents(host.client);
    const hostId = host.joined.self.id;
    expect(await request(a.client, "host:remove", { participantId: hostId })).toMatchObject(forbidden);
    expect(await request(a.client, "host:mute", { participantId: hostId })).toMatchObject(forbidden);
    expect(await request(a.client, "host:demote", { participantId: hostId })).toMatchObject(forbidden);
    expect(await request(a.client, "host:demote", { participantId: b.joined.self.id })).toMatchObject(forbidden);
    expect(await request(a.client, "host:remove", { participantId: b.joined.self.id })).toMatchObject(forbidden);
    const c = await h.joined(meeting.id, h.guest("Cy"));
    expect(await request(a.client, "host:promote", { participantId: c.joined.self.id })).toMatchObject(forbidden);
    // The host's own role never changes, even by the host.
    expect(await request(host.client, "host:demote", { participantId: hostId })).toMatchObject(forbidden);
    await sleep(50);
    expect(hostSeen.filter((seen) => seen.event !== "participant:joined")).toEqual([]);
    const { joined: view } = await h.joined(meeting.id, h.guest("Viewer"));
    const roles = Object.fromEntries(view.participants.map((p) => [p.name, [p.role, p.audioMuted]]));
    expect(roles).toMatchObject({ "Hana Host": ["host", false], Ada: ["cohost", false], Bo: ["cohost", false], Cy: ["guest", false] });
  });

  it("a demoted co-host loses the host controls", async () => {
    const { host, a, b } = await callOfThree();
    await promote(host.client, a.joined);
    expect(await request(host.client, "host:demote", { participantId: a.joined.self.id })).toMatchObject({ ok: true, data: { role: "guest" } });
    expect(await request(a.client, "host:mute", { participantId: b.joined.self.id })).toMatchObject(forbidden);
    expect(await request(a.client, "host:remove", { participantId: b.joined.self.id })).toMatchObject(forbidden);
    expect(await request(a.client, "host:lock", {})).toMatchObject(forbidden);
    expect(await request(a.client, "host:end", {})).toMatchObject(forbidden);
  });

  it("the role survives a resume and a fresh join of the same person; a co-host may end the meeting", async () => {
    const { meeting, host, a, aPerson, b } = await callOfThree();
    await promote(host.client, a.joined);
    // Resume (a dropped connection) keeps the member, role included, and its lobby channel.
    a.client.disconnect();
    const resumed = await h.joined(meeting.id, aPerson, {
      resume: { participantId: a.joined.self.id, resumeToken: a.joined.resumeToken },
    });
    expect(resumed.joined).toMatchObject({ resumed: true, self: { role: "cohost" } });
    // A fresh join (a reload without the resume secret) comes back as co-host too, whatever the token says.
    resumed.client.disconnect();
    const reloaded = await h.joined(meeting.id, aPerson);
    expect(reloaded.joined).toMatchObject({ resumed: false, self: { role: "cohost" } });
    expect(await request(reloaded.client, "host:mute", { participantId: b.joined.self.id })).toMatchObject({ ok: true });
    const ended = nextEvent(b.client, "room:ended");
    expect(await request(reloaded.client, "host:end", {})).toEqual({ ok: true, data: {} });
    expect(await ended).toEqual({ reason: "ended_by_host" });
  });

  it("a co-host by token (a co-host invitee) skips the lobby and the lock, like the host", async () => {
    const meeting = await h.createMeeting({ lobbyEnabled: true });
    const host = await h.joined(meeting.id, meeting.host);
    await request(host.client, "host:lock", {});
    const cohost = await h.joined(meeting.id, { ...h.guest("Cora"), sub: "user:cora", role: "cohost" });
    expect(cohost.joined.self.role).toBe("cohost");
    expect(cohost.joined.room).toMatchObject({ locked: true });
    // A host demotion sticks for the session: the same person joining again is a guest (and the meeting is locked).
    await request(host.client, "host:demote", { participantId: cohost.joined.self.id });
    cohost.client.disconnect();
    const again = await h.join(meeting.id, { sub: "user:cora", name: "Cora", role: "cohost" });
    expect(again.ack).toMatchObject({ ok: false, error: { code: "room_locked" } });
  });
});
