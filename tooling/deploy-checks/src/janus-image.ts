import { parseDockerfile } from "./dockerfile";

/** What deploy/janus/Dockerfile must do for the compose service; empty when it does. */
export function janusImageProblems(text: string): string[] {
  const final = parseDockerfile(text).stages.at(-1);
  if (!final) return ["has no FROM"];
  const problems: string[] = [];
  const of = (keyword: string) => final.instructions.filter((i) => i.keyword === keyword);
  const indexOf = (keyword: string) => final.instructions.findIndex((i) => i.keyword === keyword);

  if (!of("RUN").some((i) => /apt-get install\b.*\sjanus(\s|$)/.test(i.args))) problems.push("must install Debian's janus package");
  const user = of("USER").at(-1)?.args.split(":")[0];
  if (!user || user === "root" || user === "0") problems.push("final stage must switch to a non-root USER");
  else if (indexOf("ENTRYPOINT") !== -1 && indexOf("USER") > indexOf("ENTRYPOINT")) problems.push("USER must come before ENTRYPOINT");

  const copied = of("COPY").flatMap((i) => i.args.split(/\s+/).slice(0, -1));
  for (const script of ["render-config.sh", "docker-entrypoint.sh", "healthcheck.sh"]) {
    if (!copied.includes(script)) problems.push(`must copy ${script} into the image`);
  }
  if (!of("ENTRYPOINT").some((i) => i.args.includes("docker-entrypoint.sh"))) problems.push("ENTRYPOINT must run docker-entrypoint.sh");
  if (!of("HEALTHCHECK").some((i) => i.args.includes("healthcheck.sh"))) problems.push("final stage needs a HEALTHCHECK running healthcheck.sh");

  // The image's default range must be the one it declares for publishing.
  const range = /JANUS_RTP_PORT_RANGE=(\d+-\d+)/.exec(of("ENV").map((i) => i.args).join(" "))?.[1];
  const exposed = of("EXPOSE").flatMap((i) => i.args.split(/\s+/));
  if (!range) problems.push("must set a default JANUS_RTP_PORT_RANGE (ENV)");
  else if (!exposed.includes(`${range}/udp`)) problems.push(`must EXPOSE its RTP range ${range}/udp`);
  return problems;
}
