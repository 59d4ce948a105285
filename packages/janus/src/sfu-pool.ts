import { SfuError } from "./errors";
import type { NodeLoad, NodeProbeTarget } from "./node-probe";

/** A Janus node as configured (env: SFU_NODES). */
export interface SfuNodeConfig extends NodeProbeTarget {
  id: string;
  /** Janus API WebSocket URL. */
  url: string;
  apiSecret: string;
}

/**
 * Where node loads live. In memory for one signaling process; a Redis implementation shares it between signaling
 * nodes (HSET sfu:load <nodeId> <json>, read with HGETALL) without changing the pool.
 */
export interface LoadTable {
  report(nodeId: string, load: NodeLoad): Promise<void>;
  snapshot(): Promise<Map<string, NodeLoad>>;
}

export class InMemoryLoadTable implements LoadTable {
  readonly #loads = new Map<string, NodeLoad>();
  async report(nodeId: string, load: NodeLoad): Promise<void> {
    this.#loads.set(nodeId, load);
  }
  async snapshot(): Promise<Map<string, NodeLoad>> {
    return new Map(this.#loads);
  }
}

export interface SfuPoolOptions {
  nodes: readonly SfuNodeConfig[];
  loadTable: LoadTable;
  probe: (node: SfuNodeConfig) => Promise<NodeLoad>;
  now?: () => number;
  /** Default 5 s. */
  probeIntervalMs?: number;
  /** A load older than this counts as unknown (node treated as unhealthy). Default 3 probe intervals. */
  staleAfterMs?: number;
}

/** Load score: participants dominate (each costs forwarding), sessions catch handles outside rooms. */
export function loadScore(load: NodeLoad): number {
  return load.participants + load.sessions * 0.1;
}

/** The configured Janus nodes, their probed load, and the choice of a node for a new meeting. */
export class SfuPool {
  readonly #options: SfuPoolOptions;
  readonly #now: () => number;
  #timer: NodeJS.Timeout | null = null;

  constructor(options: SfuPoolOptions) {
    if (new Set(options.nodes.map((n) => n.id)).size !== options.nodes.length) throw new Error("SFU node ids must be unique");
    this.#options = options;
    this.#now = options.now ?? Date.now;
  }

  get nodes(): readonly SfuNodeConfig[] {
    return this.#options.nodes;
  }

  /** Probe every node now and publish the results. */
  async probeAll(): Promise<void> {
    await Promise.all(
      this.#options.nodes.map(async (node) => this.#options.loadTable.report(node.id, await this.#options.probe(node))),
    );
  }

  /** Probe periodically until `stop()`. */
  start(): void {
    if (this.#timer) return;
    this.#timer = setInterval(() => void this.probeAll(), this.#options.probeIntervalMs ?? 5_000);
    this.#timer.unref();
  }

  stop(): void {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
  }

  /** The least-loaded healthy node with a fresh load, skipping `exclude` (e.g. the node that just died). */
  async pick(exclude: readonly string[] = []): Promise<SfuNodeConfig> {
    const loads = await this.#options.loadTable.snapshot();
    const staleAfter = this.#options.staleAfterMs ?? 3 * (this.#options.probeIntervalMs ?? 5_000);
    let best: { node: SfuNodeConfig; score: number } | null = null;
    for (const node of this.#options.nodes) {
      const load = loads.get(node.id);
      if (!load?.healthy || exclude.includes(node.id) || this.#now() - load.at > staleAfter) continue;
      const score = loadScore(load);
      if (!best || score < best.score) best = { node, score };
    }
    if (!best) throw SfuError.noHealthyNode();
    return best.node;
  }
}
