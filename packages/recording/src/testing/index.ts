// Test and benchmark helpers (real Janus recordings from Chromium publishers); never used by the product.
export { recordMeeting, type RecordedPublisher, type RecordedSession } from "./record-meeting";
export { JanusRecorderClient } from "./janus-recorder";
