import type { Joined } from "@parley/protocol";
import { CallError } from "../errors";
import { createBrowserPeerConnection } from "../peer/browser-peer-connection";
import type { MediaTransport } from "../topology/media-transport";
import { MeshTopology } from "../topology/mesh-topology";
import type { CallOptions, TransportContext } from "./call-types";

/** The media transport for the room we just joined: the caller's factory if any, else the one for the room's topology. */
export function createMediaTransport(joined: Joined, options: CallOptions): MediaTransport {
  const media = options.localMedia;
  const context: TransportContext = {
    topology: joined.room.topology,
    selfId: joined.self.id,
    iceServers: joined.iceServers,
    ...(options.iceTransportPolicy ? { iceTransportPolicy: options.iceTransportPolicy } : {}),
    signal: options.signal,
    createPeerConnection: options.createPeerConnection ?? createBrowserPeerConnection,
    localTracks: () => ({ microphone: media.track("microphone"), camera: media.track("camera"), screen: media.track("screen") }),
  };
  return options.createTransport?.(context) ?? defaultTransport(context);
}

function defaultTransport(context: TransportContext): MediaTransport {
  switch (context.topology) {
    case "mesh":
      return new MeshTopology(context);
    default:
      throw new CallError("unsupported", `Unsupported topology ${String(context.topology)}`);
  }
}
