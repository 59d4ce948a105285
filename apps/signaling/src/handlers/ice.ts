import { iceServersExpireIn, iceServersFor } from "../ice-servers";
import { requireMember, type EventHandlers, type ServerContext } from "../context";

/**
 * `ice:refresh`: fresh TURN credentials for a member whose join-time ones are about to expire. NOTE: credentials
 * are short-lived (TURN_TTL_SECONDS) so that one copied out of a browser is soon worthless; only members get them.
 */
export function iceHandlers(ctx: ServerContext): Pick<EventHandlers, "ice:refresh"> {
  return {
    "ice:refresh": async (socket) => {
      const { member } = await requireMember(ctx, socket);
      return {
        iceServers: iceServersFor(ctx.config.ice, member.id, ctx.clock.now()),
        expiresInSeconds: iceServersExpireIn(ctx.config.ice),
      };
    },
  };
}
