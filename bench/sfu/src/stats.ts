import { percentile } from "@parley/test-support";

export { percentile };

export interface LatencySummary {
  runs: number;
  failed: number;
  p50: number;
  p95: number;
  min: number;
  max: number;
  samples: number[];
}

/** p50/p95/min/max of latencies in ms; `failed` counts runs that never got a frame. */
export function summarizeLatency(samples: number[], failed: number): LatencySummary {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    runs: samples.length + failed,
    failed,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    min: sorted[0] ?? Number.NaN,
    max: sorted[sorted.length - 1] ?? Number.NaN,
    samples,
  };
}

/** Run `task` over `items` with at most `limit` in flight; results keep the input order. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, task: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await task(items[index] as T, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** bits per second from a byte delta over `ms`. */
export const bps = (bytes: number, ms: number) => (bytes * 8 * 1000) / ms;
