export type Instruction = { keyword: string; args: string };
export type Stage = { from: string; name: string | undefined; instructions: Instruction[] };

/** Splits a Dockerfile into stages of instructions (comments dropped, `\` continuations joined). */
export function parseDockerfile(text: string): { args: Instruction[]; stages: Stage[] } {
  const logical = text
    .replace(/\\\r?\n/g, " ")
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== "" && !line.startsWith("#"));
  const args: Instruction[] = [];
  const stages: Stage[] = [];
  for (const line of logical) {
    const [keyword = "", ...rest] = line.split(/\s+/);
    const instruction = { keyword: keyword.toUpperCase(), args: rest.join(" ") };
    if (instruction.keyword === "FROM") {
      const match = /^(?:--\S+\s+)*(\S+)(?:\s+AS\s+(\S+))?/i.exec(instruction.args);
      stages.push({ from: match?.[1] ?? "", name: match?.[2], instructions: [] });
    } else if (stages.length === 0) {
      args.push(instruction);
    } else {
      stages[stages.length - 1]?.instructions.push(instruction);
    }
  }
  return { args, stages };
}

/** What a production Dockerfile for one of our apps must do; empty when it does. */
export function dockerfileProblems(
  text: string,
  opts: { workspacePackage: string; port: number; dependencies: "standalone" | "production-install" },
): string[] {
  const { stages } = parseDockerfile(text);
  const problems: string[] = [];
  if (stages.length < 2) problems.push("must be multi-stage (build tools stay out of the final image)");
  const final = stages[stages.length - 1];
  if (!final) return ["has no FROM"];
  const all = stages.flatMap((stage) => stage.instructions);
  const finalOf = (keyword: string) => final.instructions.filter((i) => i.keyword === keyword);

  const users = finalOf("USER");
  const lastUser = users[users.length - 1]?.args.split(":")[0];
  if (!lastUser || lastUser === "root" || lastUser === "0") problems.push("final stage must switch to a non-root USER");
  const userIndex = final.instructions.findIndex((i) => i.keyword === "USER");
  const cmdIndex = final.instructions.findIndex((i) => i.keyword === "CMD");
  if (cmdIndex === -1) problems.push("final stage needs a CMD");
  else if (userIndex === -1 || userIndex > cmdIndex) problems.push("USER must come before CMD");
  if (finalOf("HEALTHCHECK").length === 0) problems.push("final stage needs a HEALTHCHECK");
  if (!finalOf("EXPOSE").some((i) => i.args.split(/\s+/).includes(String(opts.port)))) {
    problems.push(`final stage must EXPOSE ${opts.port}`);
  }

  const runs = all.filter((i) => i.keyword === "RUN").map((i) => i.args);
  if (!runs.some((run) => run.includes(`turbo prune ${opts.workspacePackage}`) && run.includes("--docker"))) {
    problems.push(`must prune the workspace to ${opts.workspacePackage} (turbo prune --docker)`);
  }
  if (opts.dependencies === "production-install" && !runs.some((run) => /pnpm install\b.*--frozen-lockfile/.test(run) && /--prod\b/.test(run))) {
    problems.push("must install production dependencies only (pnpm install --frozen-lockfile --prod) for the final image");
  }
  // Next's standalone output: server.js with only the traced node_modules, instead of every dependency.
  if (opts.dependencies === "standalone" && !finalOf("COPY").some((i) => /--from=\S+\s+\S*\.next\/standalone\/?\s/.test(`${i.args} `))) {
    problems.push("final stage must be Next's standalone output (COPY --from=<build> .../.next/standalone/)");
  }
  const finalCopiesFromBuild = final.instructions.some((i) => i.keyword === "COPY" && /--from=/.test(i.args));
  if (!finalCopiesFromBuild) problems.push("final stage must copy its files from earlier stages");
  if (final.instructions.some((i) => i.keyword === "RUN" && /pnpm install(?!.*--prod)/.test(i.args))) {
    problems.push("final stage must not install development dependencies");
  }
  return problems;
}
