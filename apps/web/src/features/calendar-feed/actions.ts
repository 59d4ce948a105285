"use server";
import { revalidatePath } from "next/cache";
import { db } from "@/server/db";
import { logger } from "@/server/logger";
import { requireUser } from "@/server/session";

/** Issues a new subscription link; the previous one stops working. */
export async function rotateCalendarFeedAction(): Promise<void> {
  const user = await requireUser("/settings/calendar");
  await db().calendarFeeds.rotate(user.id);
  logger.info({ userId: user.id }, "calendar feed link issued");
  revalidatePath("/settings/calendar");
}

/** Turns the subscription link off. */
export async function revokeCalendarFeedAction(): Promise<void> {
  const user = await requireUser("/settings/calendar");
  await db().calendarFeeds.revoke(user.id);
  logger.info({ userId: user.id }, "calendar feed link revoked");
  revalidatePath("/settings/calendar");
}
