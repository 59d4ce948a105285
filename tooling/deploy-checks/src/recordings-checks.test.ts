import { describe, expect, it } from "vitest";
import { loadCompose } from "./compose";
import { composeText } from "./fixtures";
import { recordingsProblems } from "./recordings-checks";

const problemsOf = (text: string) => recordingsProblems(loadCompose(text).doc);

/** Applies `replace` to one service's block of the compose file only (from "  <name>:" to the next top-level key). */
function inBlock(service: string, replace: (block: string) => string): string {
  const start = composeText.indexOf(`\n  ${service}:\n`);
  expect(start).toBeGreaterThan(-1);
  const next = composeText.slice(start + 1).search(/\n {2}[a-z-]+:\n|\n[a-z]/);
  const end = next === -1 ? composeText.length : start + 1 + next;
  const changed = composeText.slice(0, start) + replace(composeText.slice(start, end)) + composeText.slice(end);
  expect(changed).not.toBe(composeText);
  return changed;
}

/** Replaces the recordings mount in one service's block only. */
const inService = (service: string, replace: (volumes: string) => string) =>
  inBlock(service, (block) => block.replace(/ {4}volumes:\n {6}- recordings:\/var\/lib\/parley\/recordings\n/, (volumes) => replace(volumes)));

describe("docker-compose.yml: one recordings volume for Janus and web", () => {
  it("janus and web mount the named volume at the same path, and RECORDINGS_DIR names it", () => {
    expect(problemsOf(composeText)).toEqual([]);
  });

  it("notices Janus without the volume", () => {
    expect(problemsOf(inService("janus", () => ""))).toEqual(['janus must mount the recordings volume "recordings" (web\'s worker composes what Janus records)']);
  });

  it("notices the two mounted at different paths", () => {
    const broken = inService("janus", (v) => v.replace("/var/lib/parley/recordings", "/recordings"));
    expect(problemsOf(broken)).toEqual(["janus mounts the recordings volume at /recordings, web at /var/lib/parley/recordings: the paths must be the same"]);
  });

  it("notices RECORDINGS_DIR pointing elsewhere, or missing", () => {
    const elsewhere = inBlock("web", (block) => block.replace("RECORDINGS_DIR: /var/lib/parley/recordings", "RECORDINGS_DIR: /srv/recordings"));
    expect(problemsOf(elsewhere)).toEqual(["web mounts no volume at RECORDINGS_DIR (/srv/recordings)"]);
    const missing = inBlock("web", (block) => block.replace(/ {6}RECORDINGS_DIR: .*\n/, ""));
    expect(problemsOf(missing)).toEqual(["web needs RECORDINGS_DIR set to the absolute path where the recordings volume is mounted"]);
  });

  it("notices signaling telling Janus another folder than web reads", () => {
    // Given or not (signaling reads it once Janus records through it), it must not name another folder.
    const broken = inBlock("signaling", (block) => block.replace(/ {6}RECORDINGS_DIR: .*\n/, "").replace(/( {4}environment:\n)/, "$1      RECORDINGS_DIR: /srv/elsewhere\n"));
    expect(problemsOf(broken)).toEqual(["signaling's RECORDINGS_DIR (/srv/elsewhere) must be web's (/var/lib/parley/recordings)"]);
  });

  it("notices a bind mount or a read-only volume, and Janus running as another user", () => {
    const bind = inService("web", (v) => v.replace("recordings:", "./recordings:"));
    expect(problemsOf(bind)).toContain('web\'s recordings mount "./recordings" must be a named volume declared under top-level volumes');
    const readOnly = inService("janus", (v) => v.replace("/var/lib/parley/recordings\n", "/var/lib/parley/recordings:ro\n"));
    expect(problemsOf(readOnly)).toEqual(["janus's recordings volume must be writable (Janus records into it)"]);
    const user = composeText.replace('user: "1000:1000"', 'user: "nobody"');
    expect(problemsOf(user)).toEqual(['janus must run as 1000:1000 (the web image\'s user) to share the recordings volume']);
  });
});
