import { z } from "zod";
import { SfuError } from "../errors";
import type { JanusHandle } from "../janus-handle";

export const VIDEOROOM_PLUGIN = "janus.plugin.videoroom";

/** An absolute directory on Janus' side, no `..` (Janus creates it when the first recording file opens). */
export const recDirSchema = z
  .string()
  .max(500)
  .regex(/^\/[A-Za-z0-9._/-]*$/, "an absolute path of letters, digits, '.', '_', '-' and '/'")
  .refine((dir) => !dir.split("/").includes(".."), "no '..' in a recording directory");

/** What we ask of a media room; one per meeting, id = meeting id. */
export const roomSpecSchema = z.object({
  room: z.string().min(1).max(128),
  /** Needed to edit/destroy the room later (and kept by us, never sent to browsers). */
  secret: z.string().min(16),
  description: z.string().max(128).optional(),
  /** Maximum concurrent publishers. */
  publishers: z.number().int().min(1).max(256).default(50),
  /** Per-publisher bitrate cap (bps, 0 = none); REMB tells browsers to stay under it. */
  bitrate: z.number().int().min(0).default(1_500_000),
  /** Ask publishers for a keyframe every N s (new subscribers get a picture quickly without PLI storms). */
  firFreq: z.number().int().min(0).default(10),
  videoCodec: z.string().default("vp8"),
  audioCodec: z.string().default("opus"),
  /**
   * Record every publisher into this directory (on Janus' filesystem; absolute). Absent: not recording. Each
   * publisher's files are named by the `filename` it published with (see VideoRoomPublisher.publish).
   */
  recDir: recDirSchema.optional(),
});
export type RoomSpec = z.input<typeof roomSpecSchema>;

const roomListSchema = z.object({
  list: z.array(
    z
      .object({ room: z.string(), description: z.string().optional(), num_participants: z.number(), record: z.boolean().optional(), rec_dir: z.string().nullish() })
      .passthrough(),
  ),
});
const participantListSchema = z.object({
  participants: z.array(z.object({ id: z.string(), display: z.string().optional(), publisher: z.boolean() }).passthrough()),
});

export interface RoomSummary {
  room: string;
  description: string | undefined;
  participants: number;
  /** Whether the room records its publishers now, and where (see setRecording). */
  recording: boolean;
  recDir: string | undefined;
}

/** Room lifecycle through a control handle. Every call carries our admin key or room secret. */
export class VideoRoomRooms {
  readonly #handle: () => JanusHandle;
  readonly #adminKey: string;

  /** `handle` returns the node's current control handle (it changes after a reconnection). */
  constructor(handle: () => JanusHandle, adminKey: string) {
    this.#handle = handle;
    this.#adminKey = adminKey;
  }

  async create(input: RoomSpec): Promise<void> {
    const spec = roomSpecSchema.parse(input);
    await this.#handle().message(
      {
        request: "create",
        admin_key: this.#adminKey,
        room: spec.room,
        secret: spec.secret,
        description: spec.description ?? spec.room,
        is_private: true,
        permanent: false,
        publishers: spec.publishers,
        bitrate: spec.bitrate,
        bitrate_cap: spec.bitrate > 0,
        fir_freq: spec.firFreq,
        videocodec: spec.videoCodec,
        audiocodec: spec.audioCodec,
        // Subscribers must prove they joined as a publisher of the same room (private_id).
        require_pvtid: false,
        notify_joining: true,
        audiolevel_event: false,
        ...(spec.recDir ? { record: true, rec_dir: spec.recDir } : {}),
      },
      { async: false },
    );
  }

  async destroy(room: string, secret: string): Promise<void> {
    await this.#handle().message({ request: "destroy", room, secret, permanent: false }, { async: false });
  }

  async exists(room: string): Promise<boolean> {
    const { data } = await this.#handle().message({ request: "exists", room }, { async: false });
    return data.exists === true;
  }

  /** Every room, private ones included (the admin key lifts the filter). */
  async list(): Promise<RoomSummary[]> {
    const { data } = await this.#handle().message({ request: "list", admin_key: this.#adminKey }, { async: false });
    const parsed = roomListSchema.safeParse(data);
    if (!parsed.success) throw SfuError.unexpected("list", parsed.error);
    return parsed.data.list.map((r) => ({
      room: r.room,
      description: r.description,
      participants: r.num_participants,
      recording: r.record === true,
      recDir: r.rec_dir ?? undefined,
    }));
  }

  async participants(room: string): Promise<{ id: string; display: string | undefined; publisher: boolean }[]> {
    const { data } = await this.#handle().message({ request: "listparticipants", room }, { async: false });
    const parsed = participantListSchema.safeParse(data);
    if (!parsed.success) throw SfuError.unexpected("listparticipants", parsed.error);
    return parsed.data.participants.map((p) => ({ id: p.id, display: p.display, publisher: p.publisher }));
  }

  /**
   * Start recording every publisher of the room into `recDir` (those publishing now and those who publish later), or
   * stop (null): Janus closes each recording file before it answers, so the files are complete afterwards.
   */
  async setRecording(room: string, secret: string, recDir: string | null): Promise<void> {
    if (recDir !== null) {
      const dir = recDirSchema.parse(recDir);
      // NOTE: the directory first: Janus opens the files in the room's rec_dir at the moment recording is enabled.
      await this.#handle().message({ request: "edit", room, secret, new_rec_dir: dir, permanent: false }, { async: false });
    }
    const { data } = await this.#handle().message({ request: "enable_recording", room, secret, record: recDir !== null }, { async: false });
    if (data.videoroom !== "success") throw SfuError.unexpected("enable_recording");
  }

  /** Remove a participant (its handles get a hangup). */
  async kick(room: string, secret: string, participantId: string): Promise<void> {
    await this.#handle().message({ request: "kick", room, secret, id: participantId }, { async: false });
  }
}
