/** Where the end-to-end stack listens (loopback only). */
export const WEB_PORT = Number(process.env.E2E_WEB_PORT ?? 3210);
export const SIGNALING_PORT = Number(process.env.E2E_SIGNALING_PORT ?? 4210);
export const POSTGRES_PORT = SIGNALING_PORT + 1000;
/** The stack runner's fault-injection endpoint (POST /restart/signaling). */
export const CONTROL_PORT = SIGNALING_PORT + 2000;
/** RECORDINGS_DIR of the end-to-end stack's web app (composed recordings the record page plays). */
export const E2E_RECORDINGS_DIR = `${process.env.TMPDIR ?? "/tmp"}/parley-e2e-recordings-${WEB_PORT}`;
