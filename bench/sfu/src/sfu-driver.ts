// NOTE: @parley/signaling exports nothing (it is an app, consumed by running it). The bench drives Janus exactly as
// the service does, through its driver source; this file is the only place reaching into the app.
export { JanusNode, VideoRoomPublisher, VideoRoomSubscriber, type JanusSession, type Jsep } from "../../../apps/signaling/src/sfu/index";
