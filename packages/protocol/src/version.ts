/** Bumped on any breaking change to events or payloads; checked on join. */
export const PROTOCOL_VERSION = 4;
