import { describe, expect, it } from "vitest";
import { dockerfileProblems, parseDockerfile } from "./dockerfile";
import { sharedBaseProblems, syntaxDirectiveProblems } from "./hardening";
import { listRepoFiles, readRepoFile, repoFileExists } from "./repo";

const images = [
  { file: "apps/web/Dockerfile", workspacePackage: "@parley/web", port: 3000, dependencies: "standalone" },
  { file: "apps/signaling/Dockerfile", workspacePackage: "@parley/signaling", port: 4000, dependencies: "production-install" },
] as const;

describe.each(images)("$file", ({ file, ...opts }) => {
  const text = readRepoFile(file);

  it("is multi-stage, workspace-pruned, production-only, non-root, with a healthcheck", () => {
    expect(dockerfileProblems(text, opts)).toEqual([]);
  });

  it("fails the checks when the final stage runs as root", () => {
    expect(dockerfileProblems(text.replace(/^USER node$/m, "USER root"), opts)).toContain("final stage must switch to a non-root USER");
  });

  it("fails the checks without a HEALTHCHECK", () => {
    const broken = text.replace(/^HEALTHCHECK[^\n]*\\\n[^\n]*\n/m, "");
    expect(broken).not.toBe(text);
    expect(dockerfileProblems(broken, opts)).toContain("final stage needs a HEALTHCHECK");
  });

  it('fails the checks when a "# syntax=" line comes back (builds would pull a frontend from Docker Hub)', () => {
    expect(syntaxDirectiveProblems(file, text)).toEqual([]);
    expect(syntaxDirectiveProblems(file, `# syntax=docker/dockerfile:1.7\n${text}`)).toEqual([
      `${file} has a "# syntax=" line (every build would pull a frontend image)`,
    ]);
  });
});

describe("the final images carry only what runs", () => {
  const signaling = readRepoFile("apps/signaling/Dockerfile");
  const web = readRepoFile("apps/web/Dockerfile");

  it("fails the checks when the signaling image gets development dependencies", () => {
    const broken = signaling.replaceAll("--frozen-lockfile --prod", "--frozen-lockfile");
    expect(dockerfileProblems(broken, images[1])).toContain(
      "must install production dependencies only (pnpm install --frozen-lockfile --prod) for the final image",
    );
  });

  it("fails the checks when the web image is not Next's standalone output", () => {
    const broken = web.replace(/^COPY --from=build \/repo\/apps\/web\/\.next\/standalone\/ \.\/$/m, "COPY --from=build /repo/ ./");
    expect(broken).not.toBe(web);
    expect(dockerfileProblems(broken, images[0])).toContain("final stage must be Next's standalone output (COPY --from=<build> .../.next/standalone/)");
  });

  it("the web build asks Next for the standalone output (next.config.ts reads PARLEY_STANDALONE_BUILD, turbo passes it)", () => {
    expect(web).toMatch(/^ENV PARLEY_STANDALONE_BUILD=1$/m);
    expect(readRepoFile("apps/web/next.config.ts")).toMatch(/PARLEY_STANDALONE_BUILD === "1"[\s\S]*output: "standalone"/);
    expect(readRepoFile("turbo.json")).toContain('"PARLEY_STANDALONE_BUILD"');
  });

  it("both app images start from one shared base stage, and the checks notice when they drift apart", () => {
    const files = [
      { file: "apps/web/Dockerfile", text: web },
      { file: "apps/signaling/Dockerfile", text: signaling },
    ];
    expect(sharedBaseProblems(files)).toEqual([]);
    const drifted = [files[0]!, { ...files[1]!, text: signaling.replace("ARG TURBO_VERSION=", "ARG TURBO_VERSION=9") }];
    expect(sharedBaseProblems(drifted)).toEqual(["apps/signaling/Dockerfile: its first stage differs from apps/web/Dockerfile's (no shared base)"]);
  });

  it('no Dockerfile in the repository has a "# syntax=" line', () => {
    const dockerfiles = [...listRepoFiles("apps", (name) => name === "Dockerfile"), ...listRepoFiles("deploy", (name) => name === "Dockerfile")];
    expect(dockerfiles.length).toBeGreaterThanOrEqual(3);
    expect(dockerfiles.flatMap((file) => syntaxDirectiveProblems(file, readRepoFile(file)))).toEqual([]);
  });
});

describe("container entrypoints exist", () => {
  it("signaling's CMD and the migrate service run files that the tsup builds produce", () => {
    const tsup = readRepoFile("apps/signaling/tsup.config.ts");
    const dockerfile = readRepoFile("apps/signaling/Dockerfile");
    const { stages } = parseDockerfile(dockerfile);
    const cmd = stages.at(-1)?.instructions.find((i) => i.keyword === "CMD")?.args ?? "";
    expect(cmd).toContain("dist/main.js");
    expect(tsup).toContain('"src/main.ts"');
    // The migration runner lives in @parley/db and is built there; the image carries it at the repository's path.
    expect(readRepoFile("docker-compose.yml")).toContain('command: ["node", "/app/packages/db/dist/migrate-main.js"]');
    expect(readRepoFile("packages/db/tsup.config.ts")).toContain('"src/migrate-main.ts"');
    expect(repoFileExists("packages/db/src/migrate-main.ts")).toBe(true);
    expect(dockerfile).toContain("COPY --from=build /repo/packages/db/dist ./packages/db/dist");
  });

  it("the web image runs server.mjs (next start plus client addresses) on the standalone output, like the end-to-end tests", () => {
    const { stages } = parseDockerfile(readRepoFile("apps/web/Dockerfile"));
    const runtime = stages.at(-1)?.instructions ?? [];
    expect(runtime.find((i) => i.keyword === "CMD")?.args).toContain("server.mjs");
    // server.mjs and the module it imports are not part of .next: the image must copy them.
    const copies = runtime.filter((i) => i.keyword === "COPY").map((i) => i.args).join("\n");
    expect(copies).toContain("server.mjs");
    expect(copies).toContain("src/server/client-address.mjs");
    expect(readRepoFile("apps/web/package.json")).toContain('"start": "node server.mjs"');
    // The standalone output has no next.config.ts to load: server.mjs must take the build's resolved configuration.
    expect(copies).toContain(".next/standalone/");
    expect(readRepoFile("apps/web/server.mjs")).toContain("__NEXT_PRIVATE_STANDALONE_CONFIG");
  });

  it("the probed health routes exist in both apps", () => {
    expect(repoFileExists("apps/web/src/app/healthz/route.ts")).toBe(true);
    expect(repoFileExists("apps/web/src/app/readyz/route.ts")).toBe(true);
    const signalingHealth = readRepoFile("apps/signaling/src/http/health.ts");
    expect(signalingHealth).toContain('"/healthz"');
    expect(signalingHealth).toContain('"/readyz"');
  });
});

describe("runtime configuration is not baked in at build time", () => {
  it("the web app uses no NEXT_PUBLIC_ variables (those are inlined by next build)", () => {
    const sources = [
      ...listRepoFiles("apps/web/src", (name) => /\.(ts|tsx|js|mjs)$/.test(name)),
      "apps/web/next.config.ts",
    ];
    const offenders = sources.filter((file) => readRepoFile(file).includes("NEXT_PUBLIC_"));
    expect(offenders).toEqual([]);
  });

  it("the Docker build context leaves out secrets and local builds", () => {
    const ignored = readRepoFile(".dockerignore").split("\n");
    for (const entry of [".env", "**/node_modules", "**/.next", ".data"]) expect(ignored).toContain(entry);
  });
});
