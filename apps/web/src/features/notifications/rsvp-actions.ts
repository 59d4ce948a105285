"use server";
import { env } from "@/env";
import { db } from "@/server/db";
import { logger } from "@/server/logger";
import { answerRsvp, type RsvpAnswer, type RsvpRefusal } from "./rsvp";
import { rsvpKey } from "./rsvp-token";

export type RsvpFormState = { answered?: RsvpAnswer; error?: RsvpRefusal };

/** The RSVP page's buttons: a POST, so mail scanners that open links cannot answer for someone. */
export async function answerRsvpAction(token: string, _prev: RsvpFormState, form: FormData): Promise<RsvpFormState> {
  const result = await answerRsvp(db(), rsvpKey(env().BETTER_AUTH_SECRET), token, form.get("answer"));
  if (!result.ok) {
    logger.info({ reason: result.error }, "rsvp refused");
    return { error: result.error };
  }
  return { answered: result.value };
}
