import { accessSync, constants } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { healthcheckCommand, loadCompose } from "./compose";
import { composeText } from "./fixtures";
import { janusImageProblems } from "./janus-image";
import { readRepoFile, REPO_ROOT } from "./repo";

const dockerfile = readRepoFile("deploy/janus/Dockerfile");

describe("deploy/janus/Dockerfile", () => {
  it("installs Debian's janus, runs as non-root through the entrypoint, with a healthcheck", () => {
    expect(janusImageProblems(dockerfile)).toEqual([]);
  });

  it("fails the checks when Janus runs as root", () => {
    expect(janusImageProblems(dockerfile.replace(/^USER nobody$/m, "USER root"))).toContain("final stage must switch to a non-root USER");
  });

  it("fails the checks when the healthcheck script is not in the image", () => {
    const broken = dockerfile.replace(" healthcheck.sh /opt/parley-janus/", " /opt/parley-janus/");
    expect(broken).not.toBe(dockerfile);
    expect(janusImageProblems(broken)).toContain("must copy healthcheck.sh into the image");
  });

  it("fails the checks when the default RTP range and the exposed one differ", () => {
    const broken = dockerfile.replace("20000-20200/udp", "20000-40000/udp");
    expect(broken).not.toBe(dockerfile);
    expect(janusImageProblems(broken)).toContain("must EXPOSE its RTP range 20000-20200/udp");
  });

  it("has executable scripts, and compose probes the script the image ships", () => {
    for (const script of ["render-config.sh", "docker-entrypoint.sh", "healthcheck.sh"]) {
      expect(() => accessSync(join(REPO_ROOT, "deploy/janus", script), constants.X_OK), script).not.toThrow();
    }
    const janus = loadCompose(composeText).doc.services.janus!;
    expect(healthcheckCommand(janus)).toContain("/opt/parley-janus/healthcheck.sh");
    expect(dockerfile).toContain("COPY render-config.sh docker-entrypoint.sh healthcheck.sh /opt/parley-janus/");
  });
});
