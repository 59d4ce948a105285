import type { IceServer, Topology } from "@parley/protocol";
import { CallError } from "../errors";
import { createBrowserPeerConnection } from "../peer/browser-peer-connection";
import type { MediaTransport } from "../topology/media-transport";
import { MeshTopology } from "../topology/mesh-topology";
import { SfuTopology } from "../topology/sfu-topology";
import type { CallOptions, TransportContext } from "./call-types";

/** The media transport for a topology: the caller's factory if any, else ours (mesh or SFU). */
export function createMediaTransport(
  room: { topology: Topology; selfId: string; iceServers: readonly IceServer[]; joinedAt: (participantId: string) => string | undefined },
  options: CallOptions,
): MediaTransport {
  const media = options.localMedia;
  const context: TransportContext = {
    topology: room.topology,
    selfId: room.selfId,
    iceServers: room.iceServers,
    ...(options.iceTransportPolicy ? { iceTransportPolicy: options.iceTransportPolicy } : {}),
    signal: options.signal,
    createPeerConnection: options.createPeerConnection ?? createBrowserPeerConnection,
    localTracks: () => ({ microphone: media.track("microphone"), camera: media.track("camera"), screen: media.track("screen") }),
    joinedAt: room.joinedAt,
  };
  return options.createTransport?.(context) ?? defaultTransport(context);
}

function defaultTransport(context: TransportContext): MediaTransport {
  switch (context.topology) {
    case "mesh":
      return new MeshTopology(context);
    case "sfu":
      return new SfuTopology(context);
    default:
      throw new CallError("unsupported", `Unsupported topology ${String(context.topology)}`);
  }
}
