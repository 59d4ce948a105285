import {
  ackError,
  ackOk,
  clientEventSchemas,
  CLIENT_EVENTS,
  isClientEventName,
  type Ack,
  type ClientEventName,
} from "@parley/protocol";
import type { z } from "zod";
import { SignalingError } from "../errors";
import type { EventRateLimiter } from "../rate-limit";
import type { EventHandlers, ServerContext, SignalingSocket } from "./context";

type Reply = (ack: Ack<unknown>) => void;

/**
 * Wire every client event of one socket: rate limit, parse the payload with the protocol schema, run the handler,
 * answer with a typed ack. Nothing a client sends can throw out of here.
 */
export function attachHandlers(
  ctx: ServerContext,
  socket: SignalingSocket,
  handlers: EventHandlers,
  limiter: EventRateLimiter,
): void {
  const loose = socket as unknown as { on(event: string, listener: (...args: unknown[]) => void): void };
  for (const event of CLIENT_EVENTS) {
    loose.on(event, (...args) => void dispatch(ctx, socket, event, args, handlers, limiter));
  }
  socket.onAny((event: string, ...args: unknown[]) => {
    if (isClientEventName(event)) return;
    replyFor(socket, args)(ackError("unknown_event", "Unknown event."));
    ctx.logger.debug({ socketId: socket.id, event: event.slice(0, 64) }, "unknown event");
  });
}

/** The client's ack callback, or (if it sent none) a fallback that reports errors as `server:error`. */
function replyFor(socket: SignalingSocket, args: unknown[]): Reply {
  const last = args.at(-1);
  if (typeof last === "function") return last as Reply;
  return (ack) => {
    if (!ack.ok) socket.emit("server:error", ack.error);
  };
}

async function dispatch(
  ctx: ServerContext,
  socket: SignalingSocket,
  event: ClientEventName,
  args: unknown[],
  handlers: EventHandlers,
  limiter: EventRateLimiter,
): Promise<void> {
  const reply = replyFor(socket, args);
  const payload = typeof args[0] === "function" ? undefined : args[0];
  try {
    if (!(await limiter.allow(socket.id, event))) {
      reply(ackError("rate_limited", "Too many requests; slow down."));
      return;
    }
    const parsed = (clientEventSchemas[event] as z.ZodType).safeParse(payload);
    if (!parsed.success) {
      reply(payloadError(parsed.error));
      return;
    }
    const handler = handlers[event] as (socket: SignalingSocket, payload: unknown) => unknown;
    reply(ackOk(await handler(socket, parsed.data)));
  } catch (error) {
    if (error instanceof SignalingError) {
      ctx.logger.debug({ socketId: socket.id, event, code: error.code, cause: error.cause }, "request refused");
      reply(ackError(error.code, error.message));
      return;
    }
    ctx.logger.error({ err: error, socketId: socket.id, event }, "handler failed");
    reply(ackError("internal", "Something went wrong on our side."));
  }
}

/** Oversized fields get their own code so clients can tell "too long" from "wrong". */
function payloadError(error: z.ZodError): Ack<never> {
  const tooBig = error.issues.some((issue) => issue.code === "too_big");
  const first = error.issues[0];
  const where = first && first.path.length > 0 ? `${first.path.join(".")}: ` : "";
  const detail = first ? `${where}${first.message}` : "malformed";
  return tooBig
    ? ackError("payload_too_large", `Payload too large (${detail}).`)
    : ackError("invalid_payload", `Invalid payload (${detail}).`);
}
