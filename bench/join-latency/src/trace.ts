/**
 * In-page tracing for the join breakdown, installed with `addInitScript` (no change to the product's code):
 * clicks, the join-token fetch, the signaling WebSocket (socket.io events, their acks), and every RTCPeerConnection's
 * descriptions and states, each stamped in epoch ms. Read back with `readTrace(page)`.
 */
import type { Page } from "playwright-core";

export interface TraceEntry {
  readonly at: number;
  readonly what: string;
}

/** Runs in the page: wraps fetch, WebSocket and RTCPeerConnection and appends to `window.__trace`. */
export function installTrace(): void {
  const w = window as unknown as { __trace: { at: number; what: string }[] };
  w.__trace = [];
  const mark = (what: string) => w.__trace.push({ at: performance.timeOrigin + performance.now(), what });

  // The click as the page sees it (Playwright's own click overhead comes before this).
  window.addEventListener("click", () => mark("click"), true);

  // When the UI shows the remote video element, and when it starts playing (the first frame comes after).
  const seen = new WeakSet<Element>();
  new MutationObserver(() => {
    const video = document.querySelector('[data-testid="remote-tile"] video');
    if (!video || seen.has(video)) return;
    seen.add(video);
    mark("ui:remote-video");
    video.addEventListener("loadedmetadata", () => mark("ui:video-metadata"), { once: true });
    video.addEventListener("playing", () => mark("ui:video-playing"), { once: true });
  }).observe(document, { childList: true, subtree: true });

  const originalFetch = window.fetch.bind(window);
  window.fetch = async (input, init) => {
    const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
    const token = url.includes("/join-token");
    if (token) mark("token:request");
    const response = await originalFetch(input, init);
    if (token) mark("token:response");
    return response;
  };

  const NativeSocket = window.WebSocket;
  class TracedSocket extends NativeSocket {
    readonly #acks = new Map<string, string>();
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols);
      mark("ws:create");
      this.addEventListener("open", () => mark("ws:open"));
      this.addEventListener("message", (event: MessageEvent) => {
        if (typeof event.data !== "string") return;
        // engine.io "4" message + socket.io "0" connect / "2" event / "3" ack, then an optional ack id.
        const data = event.data;
        if (data.startsWith("40")) return mark("sio:connected");
        const ack = /^43(\d+)/.exec(data);
        if (ack) return mark(`ack:${this.#acks.get(ack[1]!) ?? "?"}`);
        const incoming = /^42\d*\["([^"]+)"/.exec(data);
        if (incoming) mark(`recv:${incoming[1]}`);
      });
    }
    override send(data: string | ArrayBufferLike | Blob | ArrayBufferView): void {
      if (typeof data === "string") {
        const outgoing = /^42(\d*)\["([^"]+)"/.exec(data);
        if (outgoing) {
          if (outgoing[1]) this.#acks.set(outgoing[1], outgoing[2]!);
          mark(`send:${outgoing[2]}`);
        }
      }
      super.send(data);
    }
  }
  window.WebSocket = TracedSocket;

  const NativePeer = window.RTCPeerConnection;
  class TracedPeer extends NativePeer {
    constructor(config?: RTCConfiguration) {
      super(config);
      mark("pc:create");
      this.addEventListener("iceconnectionstatechange", () => mark(`pc:ice-${this.iceConnectionState}`));
      this.addEventListener("connectionstatechange", () => mark(`pc:${this.connectionState}`));
      this.addEventListener("track", (event) => mark(`pc:track-${(event as RTCTrackEvent).track.kind}`));
    }
    override async setLocalDescription(description?: RTCLocalSessionDescriptionInit): Promise<void> {
      await super.setLocalDescription(description);
      mark(`pc:local-${this.localDescription?.type ?? "?"}`);
    }
    override async setRemoteDescription(description: RTCSessionDescriptionInit): Promise<void> {
      mark(`pc:remote-${description.type}`);
      await super.setRemoteDescription(description);
    }
  }
  window.RTCPeerConnection = TracedPeer;
}

export function readTrace(page: Page): Promise<TraceEntry[]> {
  return page.evaluate(() => (window as unknown as { __trace: TraceEntry[] }).__trace);
}

/** First occurrence of each label at or after `from`, relative to `from`. */
export function firstTimes(trace: readonly TraceEntry[], from: number): Map<string, number> {
  const times = new Map<string, number>();
  for (const { at, what } of trace) {
    if (at >= from && !times.has(what)) times.set(what, at - from);
  }
  return times;
}
