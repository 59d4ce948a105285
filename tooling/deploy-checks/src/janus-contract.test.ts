import { describe, expect, it } from "vitest";
import { environmentOf, loadCompose } from "./compose";
import { composeProblems, type ComposeContext } from "./compose-checks";
import { apps, composeText, coturnTemplate, envExample } from "./fixtures";
import { isJanusService, janusProblems } from "./janus-checks";

const context: ComposeContext = { composeText, envExample, apps, coturnTemplate };
const janusProblemsOf = (text: string) => janusProblems(loadCompose(text).doc);
const allProblemsOf = (text: string) => composeProblems(loadCompose(text).doc, { ...context, composeText: text });

/** `text` with one replacement that must have happened (a fixture drifting away must not make a test vacuous). */
function replaced(text: string, search: string | RegExp, replacement: string): string {
  const result = text.replace(search, replacement);
  expect(result, `no match for ${String(search)}`).not.toBe(text);
  return result;
}

describe("janus in docker-compose.yml", () => {
  const { doc } = loadCompose(composeText);

  it("is built from deploy/janus, wired to signaling, and passes every Janus check", () => {
    expect(isJanusService(doc.services.janus!)).toBe(true);
    expect(janusProblemsOf(composeText)).toEqual([]);
    expect(allProblemsOf(composeText)).toEqual([]);
  });

  it("gives signaling an SFU_NODES default that names the janus service's API and Admin API", () => {
    expect(environmentOf(doc.services.signaling!).get("SFU_NODES")).toContain("=ws://janus:8188|ws://janus:7188");
  });

  // Each case below is a real mistake; the checks must catch it.
  it("notices signaling and janus reading a Janus secret from different variables", () => {
    const broken = replaced(composeText, /( {6}JANUS_API_SECRET: \$\{)JANUS_API_SECRET(:\?[^\n]*shared with janus)/, "$1SIGNALING_JANUS_SECRET$2");
    expect(janusProblemsOf(broken)).toEqual(["janus and signaling must take JANUS_API_SECRET from the same variable"]);
  });

  it("notices a Janus secret that signaling is not given at all", () => {
    const broken = replaced(composeText, / {6}JANUS_ROOM_ADMIN_KEY: [^\n]*shared with janus\)\}\n/, "");
    expect(janusProblemsOf(broken)).toContain("janus and signaling must take JANUS_ROOM_ADMIN_KEY from the same variable");
  });

  it("notices a published RTP range that is not the configured one", () => {
    const broken = replaced(
      composeText,
      '"${JANUS_RTP_PORT_RANGE:-20000-20200}:${JANUS_RTP_PORT_RANGE:-20000-20200}/udp"',
      '"20000-20100:20000-20100/udp"',
    );
    expect(janusProblemsOf(broken)).toContain("janus publishes UDP 20000-20100 but JANUS_RTP_PORT_RANGE is 20000-20200");
  });

  it("notices a configured RTP range that .env cannot change together with the published one", () => {
    const broken = replaced(composeText, "JANUS_RTP_PORT_RANGE: ${JANUS_RTP_PORT_RANGE:-20000-20200}", 'JANUS_RTP_PORT_RANGE: "20000-20200"');
    expect(janusProblemsOf(broken)).toEqual([
      "janus's published RTP range and JANUS_RTP_PORT_RANGE must come from the same variable",
    ]);
  });

  it("notices RTP ports forwarded from other host ports", () => {
    const broken = replaced(composeText, '"${JANUS_RTP_PORT_RANGE:-20000-20200}:', '"30000-30200:');
    expect(janusProblemsOf(broken)).toContain("janus must publish its RTP ports on the same host port numbers");
  });

  it("notices RTP ports published over TCP, and the API ports published at all", () => {
    const tcp = replaced(composeText, ':${JANUS_RTP_PORT_RANGE:-20000-20200}/udp"', ':${JANUS_RTP_PORT_RANGE:-20000-20200}"');
    expect(janusProblemsOf(tcp)).toContain("janus must publish its RTP port range (JANUS_RTP_PORT_RANGE) over UDP");
    const api = replaced(composeText, /( {6}- "\$\{JANUS_RTP_PORT_RANGE[^\n]*\n)/, '$1      - "8188:8188"\n');
    expect(janusProblemsOf(api)).toEqual(["janus must not publish 8188/tcp: only its UDP media ports are public"]);
  });

  it("notices janus without ICE-Lite (its own checks would leave from the container address)", () => {
    const broken = replaced(composeText, 'JANUS_ICE_LITE: "true"', 'JANUS_ICE_LITE: "false"');
    expect(janusProblemsOf(broken)).toEqual(['janus must set JANUS_ICE_LITE to "true"']);
  });

  it("notices janus without an explicit JANUS_RTP_PORT_RANGE", () => {
    const broken = replaced(composeText, / {6}JANUS_RTP_PORT_RANGE: [^\n]*\n/, "");
    expect(janusProblemsOf(broken)).toContain("janus must set JANUS_RTP_PORT_RANGE explicitly (its published ports depend on it)");
  });

  it("notices SFU_NODES pointing at a service that does not exist", () => {
    const broken = replaced(composeText, "janus-1=ws://janus:8188|ws://janus:7188", "janus-1=ws://sfu:8188|ws://janus:7188");
    expect(janusProblemsOf(broken)).toEqual(['SFU_NODES: janus-1 points at "sfu", which is not a service in docker-compose.yml']);
  });

  it("notices SFU_NODES pointing at a service that is not Janus", () => {
    const broken = replaced(composeText, "|ws://janus:7188}", "|ws://redis:7188}");
    expect(janusProblemsOf(broken)).toEqual([`SFU_NODES: janus-1 points at "redis", which is not built from deploy/janus/Dockerfile`]);
  });

  it("notices SFU_NODES using a port janus does not listen on", () => {
    const broken = replaced(composeText, "ws://janus:8188|ws://janus:7188", "ws://janus:7188|ws://janus:8188");
    expect(janusProblemsOf(broken)).toEqual([
      "SFU_NODES: janus-1 uses janus:7188, but janus has JANUS_WS_PORT=8188",
      "SFU_NODES: janus-1 uses janus:8188, but janus has JANUS_ADMIN_WS_PORT=7188",
    ]);
  });

  it("notices a malformed SFU_NODES entry", () => {
    const broken = replaced(composeText, "janus-1=ws://janus:8188|ws://janus:7188", "ws://janus:8188");
    expect(janusProblemsOf(broken)).toEqual(['SFU_NODES entry "ws://janus:8188" must look like <id>=<api-ws-url>|<admin-ws-url>']);
  });

  it("notices signaling not waiting for janus to be healthy", () => {
    const broken = replaced(composeText, "      janus: { condition: service_healthy }\n", "      janus: { condition: service_started }\n");
    expect(janusProblemsOf(broken)).toEqual(["signaling must wait for janus to be healthy (it is in SFU_NODES)"]);
  });

  it("notices signaling and janus on networks that do not meet", () => {
    const broken = replaced(composeText, "    networks: [backend, sfu]\n", "    networks: [backend]\n");
    expect(janusProblemsOf(broken)).toEqual(["signaling and janus share no network, so SFU_NODES cannot reach it"]);
  });

  it("notices a missing janus service", () => {
    const broken = replaced(composeText, /\n {2}janus:\n(?: {4}.*\n|\n)*?(?= {2}# Optional HTTPS)/, "\n");
    expect(allProblemsOf(broken)).toEqual(
      expect.arrayContaining(['service "janus" is missing', 'signaling depends on unknown service "janus"']),
    );
  });
});
