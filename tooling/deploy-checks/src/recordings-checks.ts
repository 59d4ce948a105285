import { environmentOf, type ComposeDoc, type ComposeService } from "./compose";
import { isJanusService } from "./janus-checks";

/** The user compose runs Janus as: the web image's `node`, so the worker can compose and remove what Janus wrote. */
export const RECORDINGS_USER = "1000:1000";

type Mount = { source: string; target: string; readOnly: boolean };

/** A service's volume mounts (short `source:target[:mode]` and long forms). */
function mountsOf(service: ComposeService): Mount[] {
  return (service.volumes ?? []).flatMap((volume): Mount[] => {
    if (typeof volume === "string") {
      const [source = "", target = "", mode = ""] = volume.split(":");
      return target ? [{ source, target, readOnly: mode.split(",").includes("ro") }] : [];
    }
    const { source, target, read_only: readOnly } = volume as { source?: unknown; target?: unknown; read_only?: unknown };
    return typeof source === "string" && typeof target === "string" ? [{ source, target, readOnly: readOnly === true }] : [];
  });
}

/**
 * Recordings: Janus writes per-stream files, the web container's worker composes them and serves the result, so
 * both must mount one named volume at the same path (writable: read-only root filesystems leave it the one place to
 * write), the web app's RECORDINGS_DIR must name that path, and Janus must run as the web image's user.
 */
export function recordingsProblems(doc: ComposeDoc): string[] {
  const web = doc.services.web;
  if (!web) return [];
  const problems: string[] = [];
  const dir = environmentOf(web).get("RECORDINGS_DIR");
  if (!dir?.startsWith("/")) return ["web needs RECORDINGS_DIR set to the absolute path where the recordings volume is mounted"];
  const webMount = mountsOf(web).find((mount) => mount.target === dir);
  if (!webMount) return [`web mounts no volume at RECORDINGS_DIR (${dir})`];
  if (doc.volumes?.[webMount.source] === undefined) problems.push(`web's recordings mount "${webMount.source}" must be a named volume declared under top-level volumes`);
  if (webMount.readOnly) problems.push("web's recordings volume must be writable (the worker writes composed files there)");
  // Signaling names the folder to Janus (rec_dir), so where it is given the path it must be the same one.
  const signalingDir = doc.services.signaling ? environmentOf(doc.services.signaling).get("RECORDINGS_DIR") : undefined;
  if (signalingDir !== undefined && signalingDir !== dir) problems.push(`signaling's RECORDINGS_DIR (${signalingDir}) must be web's (${dir})`);
  const janus = Object.entries(doc.services).filter(([, service]) => isJanusService(service));
  if (janus.length === 0) problems.push("no Janus service mounts the recordings volume");
  for (const [name, service] of janus) {
    const mount = mountsOf(service).find((m) => m.source === webMount.source);
    if (!mount) problems.push(`${name} must mount the recordings volume "${webMount.source}" (web's worker composes what Janus records)`);
    else if (mount.target !== dir) problems.push(`${name} mounts the recordings volume at ${mount.target}, web at ${dir}: the paths must be the same`);
    else if (mount.readOnly) problems.push(`${name}'s recordings volume must be writable (Janus records into it)`);
    if (service.user !== RECORDINGS_USER) problems.push(`${name} must run as ${RECORDINGS_USER} (the web image's user) to share the recordings volume`);
  }
  return problems;
}
