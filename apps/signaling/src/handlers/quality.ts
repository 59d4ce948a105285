import { requireMember, type EventHandlers, type ServerContext } from "../context";
import type { QualityRecorder } from "../quality/quality-recorder";

/** `quality:report`: members only; the recorder throttles, counts and keeps it. */
export function qualityHandlers(ctx: ServerContext, recorder: QualityRecorder): Pick<EventHandlers, "quality:report"> {
  return {
    "quality:report": async (socket, report) => {
      const { member } = await requireMember(ctx, socket);
      recorder.accept(socket, report, member.attendanceId);
      return {};
    },
  };
}
