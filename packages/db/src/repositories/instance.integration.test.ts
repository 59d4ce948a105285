import { afterAll, describe, expect, it } from "vitest";
import type { DbError } from "../errors";
import { insertUser, testDb, uniqueSlug } from "../test/fixtures";

const db = testDb();
afterAll(() => db.close());

describe("instance repository", () => {
  it("stores the sign-up mode override (null follows the environment)", async () => {
    expect(await db.instance.setSignupMode("CLOSED")).toEqual({ signupMode: "CLOSED" });
    expect(await db.instance.settings()).toEqual({ signupMode: "CLOSED" });
    expect(await db.instance.setSignupMode(null)).toEqual({ signupMode: null });
  });

  it("knows addresses invited by an admin, case-insensitively, and refuses malformed ones", async () => {
    const email = `Invited-${Date.now()}@Example.TEST`;
    expect((await db.instance.signupEligibility(email)).invitedByAdmin).toBe(false);
    await db.instance.invite(` ${email} `, null);
    expect((await db.instance.signupEligibility(email.toLowerCase())).invitedByAdmin).toBe(true);
    expect((await db.instance.listInvitations()).map((i) => i.email)).toContain(email.toLowerCase());
    expect(await db.instance.revokeInvitation(email)).toBe(true);
    expect((await db.instance.signupEligibility(email)).invitedByAdmin).toBe(false);
    const error = await db.instance.invite("not an email", null).catch((e: unknown) => e);
    expect((error as DbError).code).toBe("invalid_input");
  });

  it("knows invitees of meetings that are not cancelled", async () => {
    const host = await insertUser(db);
    const invitee = `guest-${Date.now()}@example.test`;
    const meeting = await db.meetings.create({
      hostId: host.id,
      slug: uniqueSlug(),
      title: "Review",
      startsAt: new Date(),
      durationMinutes: 30,
      timeZone: "UTC",
      lobbyEnabled: false,
      instant: false,
      invitees: [invitee],
    });
    expect(await db.instance.signupEligibility(invitee)).toMatchObject({ firstAccount: false, invitedToMeeting: true });
    await db.prisma.meeting.update({ where: { id: meeting.id }, data: { status: "CANCELLED", cancelledAt: new Date() } });
    expect((await db.instance.signupEligibility(invitee)).invitedToMeeting).toBe(false);
  });
});
