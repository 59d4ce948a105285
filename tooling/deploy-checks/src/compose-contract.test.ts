import { describe, expect, it } from "vitest";
import { loadCompose } from "./compose";
import { composeProblems, REQUIRED_SERVICES, type ComposeContext } from "./compose-checks";
import { parseEnvExample } from "./env-example";
import { apps, composeText, coturnTemplate, envExample, envExampleText } from "./fixtures";

const context: ComposeContext = { composeText, envExample, apps, coturnTemplate };
const problemsOf = (text: string, overrides: Partial<ComposeContext> = {}) =>
  composeProblems(loadCompose(text).doc, { ...context, composeText: text, ...overrides });

describe("docker-compose.yml contract", () => {
  it("has every service, wait condition, variable and port right", () => {
    expect(problemsOf(composeText)).toEqual([]);
    expect(Object.keys(loadCompose(composeText).doc.services)).toEqual(expect.arrayContaining([...REQUIRED_SERVICES]));
  });

  it("documents every variable the apps read in .env.example", () => {
    const missing = apps.flatMap((app) => [...app.keys, ...app.extraKeys]).filter((key) => !envExample.documented.has(key));
    expect(missing).toEqual([]);
  });

  // Each case below is a real mistake; the checks must catch it.
  it("notices a service waiting for a dependency that has no healthcheck", () => {
    const broken = composeText.replace(
      /( {2}redis:\n(?: {4}.*\n|\n)*?) {4}healthcheck:\n(?: {6}.*\n)*/,
      "$1",
    );
    expect(broken).not.toBe(composeText);
    expect(problemsOf(broken)).toContain("signaling waits for redis to be healthy, but redis has no healthcheck");
  });

  it("notices a compose variable missing from .env.example", () => {
    const broken = composeText.replace("${ROOM_CAPACITY:-8}", "${ROOM_CAPACITY:-8}${ROOM_LIMT}");
    expect(problemsOf(broken)).toContain("${ROOM_LIMT} is used in docker-compose.yml but not in .env.example");
  });

  it("notices an app variable the signaling service is not given", () => {
    const broken = composeText.replace(/ {6}ROOM_CAPACITY: .*\n/, "");
    expect(problemsOf(broken)).toContain("signaling reads ROOM_CAPACITY, but docker-compose.yml does not pass it");
  });

  it("notices a compose default that disagrees with the app's default", () => {
    const broken = composeText.replace("${ROOM_CAPACITY:-8}", "${ROOM_CAPACITY:-500}");
    expect(problemsOf(broken)).toContain('signaling: compose default of ROOM_CAPACITY is "500" but the app\'s default is "8"');
  });

  it("notices a required secret that .env.example only shows commented out", () => {
    const env = parseEnvExample(envExampleText.replace(/^TURN_SECRET=.*$/m, "# TURN_SECRET="));
    expect(problemsOf(composeText, { envExample: env })).toContain(
      "TURN_SECRET is required by docker-compose.yml, so .env.example must list it uncommented",
    );
  });

  it("notices web starting before the migrations ran", () => {
    const broken = composeText.replace(
      /( {2}web:\n(?:.*\n)*? {6}migrate: \{ condition: )service_completed_successfully/,
      "$1service_started",
    );
    expect(problemsOf(broken)).toContain("web must wait for migrate (condition: service_completed_successfully)");
  });

  it("notices a published port that is not the one the app listens on", () => {
    const broken = composeText.replace(":${WEB_HOST_PORT:-3000}:3000", ":${WEB_HOST_PORT:-3000}:8080");
    expect(problemsOf(broken)).toContain("web listens on 3000 but publishes another port");
  });

  it("notices the TURN port default drifting between coturn and the TURN URLs", () => {
    const broken = composeText.replace("TURN_PORT: ${TURN_PORT:-3478}", "TURN_PORT: ${TURN_PORT:-3479}");
    expect(problemsOf(broken).some((problem) => problem.startsWith("${TURN_PORT} has different defaults"))).toBe(true);
  });

  it("notices a coturn template variable the coturn service does not set", () => {
    const template = `${coturnTemplate}\nserver-name=\${TURN_SERVER_NAME}\n`;
    expect(problemsOf(composeText, { coturnTemplate: template })).toContain(
      "turnserver.conf.template uses ${TURN_SERVER_NAME}, which the coturn service does not set",
    );
  });
});
