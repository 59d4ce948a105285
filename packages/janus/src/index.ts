export { JANUS_ERROR, SFU_ERROR_CODES, SfuError, type SfuErrorCode } from "./errors";
export { JanusConnection, type JanusConnectionEvents, type JanusConnectionOptions } from "./janus-connection";
export { JanusHandle, type JanusHandleEvents, type PluginReply } from "./janus-handle";
export { jsepSchema, type Jsep, type SlowLink } from "./janus-messages";
export { JanusNode, type JanusNodeEvents, type JanusNodeOptions } from "./janus-node";
export { JanusSession, type JanusSessionEvents, type JanusSessionOptions } from "./janus-session";
export { silentLogger, type SfuLogger } from "./logger";
export { probeJanusNode, type NodeLoad, type NodeProbeTarget } from "./node-probe";
export { InMemoryLoadTable, SfuPool, loadScore, type LoadTable, type SfuNodeConfig, type SfuPoolOptions } from "./sfu-pool";
export type { Feed, PublishedStream } from "./videoroom/feeds";
export { VideoRoomPublisher, type PublishOptions, type PublisherEvents } from "./videoroom/publisher";
export { VIDEOROOM_PLUGIN, VideoRoomRooms, recDirSchema, roomSpecSchema, type RoomSpec, type RoomSummary } from "./videoroom/rooms";
export {
  VideoRoomSubscriber,
  type StreamRef,
  type SubscribedStream,
  type SubscriberEvents,
  type Substream,
} from "./videoroom/subscriber";
