import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";
import type { SignalingServerIo } from "./io";
import type { RoomStore } from "./rooms/room-store";

/** What the signaling service reports on GET /metrics (Prometheus text format). One registry per server. */
export interface SignalingMetrics {
  readonly registry: Registry;
  /** Client events received (rate() of it is messages/s), by event. */
  readonly events: Counter<"event">;
  /** Time from receiving an event to acknowledging it, by event. */
  readonly handlerSeconds: Histogram<"event">;
  /** Error acknowledgements, by code. */
  readonly errors: Counter<"code">;
}

export function createMetrics(io: SignalingServerIo, rooms: RoomStore, options: { processMetrics: boolean }): SignalingMetrics {
  const registry = new Registry();
  if (options.processMetrics) collectDefaultMetrics({ register: registry, prefix: "signaling_" });

  new Gauge({
    name: "signaling_connected_sockets",
    help: "socket.io connections open on this node",
    registers: [registry],
    collect() {
      this.set(io.engine.clientsCount);
    },
  });
  new Gauge({
    name: "signaling_participants",
    help: "Participants connected to this node (sum over nodes for the cluster)",
    registers: [registry],
    collect() {
      let participants = 0;
      for (const [name, sockets] of io.of("/").adapter.rooms) if (name.startsWith("meeting:")) participants += sockets.size;
      this.set(participants);
    },
  });
  new Gauge({
    name: "signaling_rooms",
    help: "Live rooms (cluster-wide when rooms are kept in Redis)",
    registers: [registry],
    async collect() {
      this.set(await rooms.roomCount());
    },
  });

  return {
    registry,
    events: new Counter({
      name: "signaling_events_total",
      help: "Client events received",
      labelNames: ["event"],
      registers: [registry],
    }),
    handlerSeconds: new Histogram({
      name: "signaling_handler_duration_seconds",
      help: "Time from receiving a client event to acknowledging it",
      labelNames: ["event"],
      buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers: [registry],
    }),
    errors: new Counter({
      name: "signaling_errors_total",
      help: "Error acknowledgements sent, by error code",
      labelNames: ["code"],
      registers: [registry],
    }),
  };
}
