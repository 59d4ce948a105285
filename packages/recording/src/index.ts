// Server-only: composing Janus recordings. Used by the recording worker; nothing here runs in a browser.
export { composeRecording, probeDurationMs, FFMPEG, FFPROBE, type ComposeOptions, type ComposeProgress, type ComposedRecording } from "./compose";
export { RecordingError, RECORDING_ERROR_CODES, type RecordingErrorCode } from "./errors";
export { ffmpegProgressParser, type FfmpegProgress } from "./ffmpeg-progress";
export { gridFor, CELL, FRAME_RATE, type Grid } from "./layout";
export { listRecordedTracks, publisherRecordingBaseName, recordingBaseName, JANUS_PP_REC, type RecordedTrack, type StreamSource } from "./tracks";
export { processRecording, type ProcessRecordingOptions, type ProcessRecordingResult, type RecordingJobStore } from "./process-recording";
