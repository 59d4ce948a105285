import type { MediaKind } from "@parley/protocol";
import type {
  PeerConnectionConfig,
  PeerConnectionEvents,
  PeerConnectionHandle,
  PeerTransceiver,
} from "./peer-connection";
import { DEFAULT_START_BITRATE_KBPS, withStartBitrate } from "./start-bitrate";

/** Wraps a real RTCPeerConnection in the engine's `PeerConnectionHandle` (the only place that constructs one). */
export function createBrowserPeerConnection(config: PeerConnectionConfig): PeerConnectionHandle {
  if (typeof RTCPeerConnection === "undefined") {
    throw new TypeError("RTCPeerConnection is not available in this environment");
  }
  const pc = new RTCPeerConnection({
    iceServers: [...config.iceServers],
    bundlePolicy: "max-bundle",
    iceTransportPolicy: config.iceTransportPolicy ?? "all",
  });
  const wrappers = new WeakMap<RTCRtpTransceiver, PeerTransceiver>();

  const wrap = (t: RTCRtpTransceiver): PeerTransceiver => {
    let wrapped = wrappers.get(t);
    if (!wrapped) {
      wrapped = {
        get mid() {
          return t.mid;
        },
        kind: t.receiver.track.kind as MediaKind,
        get direction() {
          return t.direction;
        },
        set direction(value) {
          t.direction = value;
        },
        sender: {
          get track() {
            return t.sender.track;
          },
          replaceTrack: (track) => t.sender.replaceTrack(track),
        },
        receiverTrack: t.receiver.track,
      };
      wrappers.set(t, wrapped);
    }
    return wrapped;
  };

  return {
    get signalingState() {
      return pc.signalingState;
    },
    get connectionState() {
      return pc.connectionState;
    },
    get localDescription() {
      return pc.localDescription?.toJSON() ?? null;
    },
    get remoteDescription() {
      return pc.remoteDescription?.toJSON() ?? null;
    },
    setLocalDescription: (description) => pc.setLocalDescription(description),
    setRemoteDescription: (description) =>
      pc.setRemoteDescription(
        description.sdp ? { type: description.type, sdp: withStartBitrate(description.sdp, config.startBitrateKbps ?? DEFAULT_START_BITRATE_KBPS) } : description,
      ),
    addIceCandidate: (candidate) => pc.addIceCandidate(candidate),
    restartIce: () => pc.restartIce(),
    setIceServers: (servers) => {
      // NOTE: the other fields must stay exactly as they are, or setConfiguration throws InvalidModificationError.
      if (pc.connectionState !== "closed") pc.setConfiguration({ ...pc.getConfiguration(), iceServers: [...servers] });
    },
    addTransceiver: (kind, init) => {
      const transceiver = pc.addTransceiver(init.track ?? kind, {
        direction: init.direction,
        ...(init.sendEncodings ? { sendEncodings: [...init.sendEncodings] } : {}),
      });
      return wrap(transceiver);
    },
    getTransceivers: () => pc.getTransceivers().map(wrap),
    getStats: () => pc.getStats(),
    on: <E extends keyof PeerConnectionEvents>(event: E, listener: PeerConnectionEvents[E]) => {
      const handler = (e: Event): void => {
        switch (event) {
          case "negotiationneeded":
            (listener as PeerConnectionEvents["negotiationneeded"])();
            break;
          case "icecandidate":
            (listener as PeerConnectionEvents["icecandidate"])((e as RTCPeerConnectionIceEvent).candidate?.toJSON() ?? null);
            break;
          case "connectionstatechange":
            (listener as PeerConnectionEvents["connectionstatechange"])(pc.connectionState);
            break;
          case "track": {
            const te = e as RTCTrackEvent;
            (listener as PeerConnectionEvents["track"])({ track: te.track, transceiver: wrap(te.transceiver) });
            break;
          }
        }
      };
      pc.addEventListener(event, handler);
      return () => pc.removeEventListener(event, handler);
    },
    close: () => pc.close(),
  };
}
