import {
  ackError,
  ackOk,
  isClientEventName,
  parseClientEventPayload,
  type Ack,
  type ClientEventName,
} from "@parley/protocol";
import { SignalingError } from "./errors";
import type { SignalingMetrics } from "./metrics";
import type { EventRateLimiter } from "./rate-limit";
import type { EventHandlers, ServerContext } from "./context";
import type { SignalingSocket } from "./io";

type Reply = (ack: Ack<unknown>) => void;

/** The rate limiter's name for every event the protocol does not know. */
const UNKNOWN_EVENT = "<unknown>";

/**
 * Wire every client event of one socket: rate limit, parse the payload with the protocol schema, run the handler,
 * answer with a typed ack. Nothing a client sends can throw out of here.
 */
export function attachHandlers(
  ctx: ServerContext,
  socket: SignalingSocket,
  handlers: EventHandlers,
  limiter: EventRateLimiter,
  metrics: SignalingMetrics,
): void {
  // NOTE: one catch-all listener instead of one per event: at 10,000 sockets, 17 closures per socket add up.
  // socket.io calls it from process.nextTick, so anything thrown here would end the process: the name is whatever
  // the client sent (a number, `42[0]`, or any JSON value), and every step runs inside a try.
  socket.onAny((event: unknown, ...args: unknown[]) => {
    try {
      if (typeof event === "string" && isClientEventName(event)) {
        dispatch(ctx, socket, event, args, handlers, limiter, metrics).catch((error: unknown) => {
          // NOTE: only reachable if answering itself failed; an unhandled rejection would end the process.
          ctx.logger.error({ ...logIds(socket), err: error, event }, "answering an event failed");
        });
        return;
      }
      refuseUnknownEvent(ctx, socket, event, args, limiter, metrics);
    } catch (error) {
      ctx.logger.error({ ...logIds(socket), err: error }, "refusing an event failed");
    }
  });
}

/** Unknown events cost like any other: a client cannot flood the server with names it does not know. */
function refuseUnknownEvent(
  ctx: ServerContext,
  socket: SignalingSocket,
  event: unknown,
  args: unknown[],
  limiter: EventRateLimiter,
  metrics: SignalingMetrics,
): void {
  const reply = replyFor(socket, args);
  if (!limiter.allow(socket.id, UNKNOWN_EVENT)) {
    metrics.errors.inc({ code: "rate_limited" });
    reply(ackError("rate_limited", "Too many requests; slow down."));
    return;
  }
  metrics.errors.inc({ code: "unknown_event" });
  reply(ackError("unknown_event", "Unknown event."));
  ctx.logger.debug({ socketId: socket.id, event: describeEventName(event) }, "unknown event");
}

/** What the client sent as an event name, safe to log (bounded, never throws). */
function describeEventName(event: unknown): string {
  return typeof event === "string" ? event.slice(0, 64) : `<${typeof event}>`;
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
  metrics: SignalingMetrics,
): Promise<void> {
  const started = performance.now();
  const acknowledge = replyFor(socket, args);
  const reply: Reply = (ack) => {
    if (!ack.ok) metrics.errors.inc({ code: ack.error.code });
    metrics.handlerSeconds.observe({ event }, (performance.now() - started) / 1000);
    acknowledge(ack);
  };
  const payload = typeof args[0] === "function" ? undefined : args[0];
  try {
    metrics.events.inc({ event });
    if (!limiter.allow(socket.id, event)) {
      reply(ackError("rate_limited", "Too many requests; slow down."));
      return;
    }
    const parsed = parseClientEventPayload(event, payload);
    if (!parsed.success) {
      reply({ ok: false, error: parsed.error });
      return;
    }
    const handler = handlers[event] as (socket: SignalingSocket, payload: unknown) => unknown;
    reply(ackOk(await handler(socket, parsed.data)));
  } catch (error) {
    if (error instanceof SignalingError) {
      ctx.logger.debug({ ...logIds(socket), event, code: error.code, cause: error.cause }, "request refused");
      reply(ackError(error.code, error.message));
      return;
    }
    ctx.logger.error({ ...logIds(socket), err: error, event }, "handler failed");
    reply(ackError("internal", "Something went wrong on our side."));
  }
}

/** Who a log line is about: never the payload (it may carry tokens). */
function logIds(socket: SignalingSocket): { socketId: string; meetingId?: string; participantId?: string } {
  const { meetingId, participantId } = socket.data;
  return { socketId: socket.id, ...(meetingId ? { meetingId } : {}), ...(participantId ? { participantId } : {}) };
}
