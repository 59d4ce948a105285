import { randomUUID } from "node:crypto";
import type { Db } from "@parley/db";
import type { RoomPlan } from "./plan";

/** One host account and `rooms` instant meetings, straight in the database; `perRoom` people each (first is the host). */
export async function createRooms(db: Db, rooms: number, perRoom: number): Promise<RoomPlan[]> {
  const hostId = `bench${randomUUID().replaceAll("-", "")}`;
  await db.prisma.user.create({ data: { id: hostId, name: "Bench Host", email: `${hostId}@bench.test` } });
  const plans: RoomPlan[] = [];
  for (let i = 0; i < rooms; i++) {
    const meeting = await db.meetings.create({
      hostId,
      slug: randomUUID(),
      title: `Bench ${i}`,
      startsAt: new Date(),
      durationMinutes: 60,
      timeZone: "UTC",
      lobbyEnabled: false,
      passcodeHash: null,
      invitees: [],
      instant: true,
    });
    plans.push({
      meetingId: meeting.id,
      people: Array.from({ length: perRoom }, (_, p) =>
        p === 0
          ? { sub: `user:${hostId}`, name: "Host", role: "host" as const }
          : { sub: `guest:${randomUUID().slice(0, 12)}`, name: `Guest ${p}`, role: "guest" as const },
      ),
    });
  }
  return plans;
}
