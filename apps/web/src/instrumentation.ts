/** Runs once when the web server starts: the background worker (mail queue) lives in the web process. */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startBackgroundWork } = await import("./server/jobs/start");
  await startBackgroundWork();
}
