import { z } from "zod";
import { SfuError } from "./errors";
import { JanusConnection } from "./janus-connection";

/** Load of one Janus node at `at` (ms since epoch). */
export interface NodeLoad {
  healthy: boolean;
  /** Janus sessions: about one per connected participant (plus our control session). */
  sessions: number;
  rooms: number;
  /** VideoRoom participants across rooms (publishers and joined-but-not-publishing). */
  participants: number;
  /** Admin API round trip. */
  rttMs: number;
  at: number;
}

export interface NodeProbeTarget {
  adminUrl: string;
  adminSecret: string;
  roomAdminKey: string;
}

const sessionsSchema = z.object({ sessions: z.array(z.unknown()) });
const roomsSchema = z.object({ response: z.object({ list: z.array(z.object({ num_participants: z.number() }).passthrough()) }) });

/** Ask a node's Admin API for its load; an unreachable or erroring node is reported unhealthy (never throws). */
export async function probeJanusNode(target: NodeProbeTarget, options: { timeoutMs?: number; now?: () => number } = {}): Promise<NodeLoad> {
  const now = options.now ?? Date.now;
  const started = now();
  const connection = new JanusConnection({
    url: target.adminUrl,
    protocol: "janus-admin-protocol",
    auth: { admin_secret: target.adminSecret },
    requestTimeoutMs: options.timeoutMs ?? 3_000,
    reconnect: false,
  });
  try {
    await connection.connect();
    const sessionsReply = sessionsSchema.safeParse(await connection.request({ janus: "list_sessions" }));
    const roomsReply = roomsSchema.safeParse(
      await connection.request({
        janus: "message_plugin",
        plugin: "janus.plugin.videoroom",
        request: { request: "list", admin_key: target.roomAdminKey },
      }),
    );
    if (!sessionsReply.success || !roomsReply.success) throw SfuError.unexpected("admin probe");
    const rooms = roomsReply.data.response.list;
    return {
      healthy: true,
      sessions: sessionsReply.data.sessions.length,
      rooms: rooms.length,
      participants: rooms.reduce((sum, room) => sum + room.num_participants, 0),
      rttMs: now() - started,
      at: now(),
    };
  } catch {
    return { healthy: false, sessions: 0, rooms: 0, participants: 0, rttMs: now() - started, at: now() };
  } finally {
    connection.close();
  }
}
