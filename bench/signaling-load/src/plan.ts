// Messages between the orchestrator (run.ts) and its client worker processes (worker.ts), over the fork IPC channel.

export interface Person {
  sub: string;
  name: string;
  role: "host" | "guest";
}

export interface RoomPlan {
  meetingId: string;
  people: Person[];
}

export interface WorkerPlan {
  /** Signaling node URLs; member i of a room connects to urls[i % urls.length] (rooms span the nodes). */
  urls: string[];
  rooms: RoomPlan[];
  secret: string;
  /** Messages each socket sends per second in the steady phase. */
  ratePerSocket: number;
  durationMs: number;
  /** Joins in flight at once per worker. */
  joinConcurrency: number;
}

export type ToWorker = { type: "start"; plan: WorkerPlan } | { type: "go" };

export interface WorkerJoined {
  type: "joined";
  joined: number;
  failed: number;
  errors: Record<string, number>;
}

export interface WorkerResult {
  type: "result";
  sent: number;
  acked: number;
  received: number;
  chatReceived: number;
  /** Relay latencies (ms) of signal:* messages, sender emit → addressee receives. */
  latenciesMs: number[];
  errors: Record<string, number>;
  disconnects: number;
  connectedAtEnd: number;
  /** This worker's own event-loop delay during the steady phase (ms). */
  loopDelayMs: { p99: number; max: number };
}

export type FromWorker = WorkerJoined | WorkerResult;
