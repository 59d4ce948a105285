import { z } from "zod";
import { lobbyEntrySchema, participantIdSchema } from "./models";
import { mediaKindSchema } from "./media";

/** Host actions (co-hosts may use them too, see `canModerate`). The server refuses them (`forbidden`) for guests. */
export const hostMutePayloadSchema = z.object({
  participantId: participantIdSchema,
  kind: mediaKindSchema.default("audio"),
});
export type HostMutePayload = z.infer<typeof hostMutePayloadSchema>;

/**
 * Out of the call. `block`: they cannot come back to this meeting, neither as that identity nor as this browser's
 * guest; without it they may join again (through the lobby when it is on), as in Zoom and Meet.
 */
export const hostRemovePayloadSchema = z.object({ participantId: participantIdSchema, block: z.boolean().default(false) });
export type HostRemovePayload = z.infer<typeof hostRemovePayloadSchema>;

/** Host only: make a participant a co-host, or a co-host a guest again. */
export const hostRolePayloadSchema = z.object({ participantId: participantIdSchema });
export type HostRolePayload = z.infer<typeof hostRolePayloadSchema>;

export const hostLockPayloadSchema = z.object({});
export const hostUnlockPayloadSchema = z.object({});
export const hostEndPayloadSchema = z.object({});

export const lobbyDecisionPayloadSchema = z.object({ participantId: participantIdSchema });
export type LobbyDecisionPayload = z.infer<typeof lobbyDecisionPayloadSchema>;

/** `lobby:updated` (server → hosts): the whole waiting queue, oldest first. */
export const lobbyUpdatedSchema = z.object({ waiting: z.array(lobbyEntrySchema) });
export type LobbyUpdated = z.infer<typeof lobbyUpdatedSchema>;

/** To hosts: someone they removed tried to join again (under `name`) and was refused. */
export const rejoinRefusedSchema = z.object({ name: z.string().max(200) });
export type RejoinRefused = z.infer<typeof rejoinRefusedSchema>;

export const lobbyDeniedSchema = z.object({ reason: z.enum(["denied_by_host", "meeting_ended"]) });
export type LobbyDenied = z.infer<typeof lobbyDeniedSchema>;
