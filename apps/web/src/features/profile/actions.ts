"use server";
import { revalidatePath } from "next/cache";
import { displayNameSchema } from "@parley/protocol";
import { z } from "zod";
import { isValidTimeZone } from "@/features/scheduling/time-zones";
import { db } from "@/server/db";
import { requireUser } from "@/server/session";

const profileSchema = z.object({
  name: displayNameSchema,
  timeZone: z.string().refine(isValidTimeZone, "Unknown time zone"),
});

export type ProfileState = { saved?: boolean; fieldErrors?: Partial<Record<"name" | "timeZone", string>> };

export async function updateProfileAction(_prev: ProfileState, form: FormData): Promise<ProfileState> {
  const user = await requireUser("/settings/profile");
  const parsed = profileSchema.safeParse({ name: form.get("name"), timeZone: form.get("timeZone") });
  if (!parsed.success) {
    const fieldErrors: ProfileState["fieldErrors"] = {};
    for (const issue of parsed.error.issues) fieldErrors[issue.path[0] as "name" | "timeZone"] ??= issue.message;
    return { fieldErrors };
  }
  await db().users.updateProfile(user.id, parsed.data);
  revalidatePath("/", "layout");
  return { saved: true };
}
