export type EnvExample = {
  /** Every variable named in the file, set (`NAME=`) or shown commented out (`# NAME=`). */
  documented: Set<string>;
  /** Variables set on an uncommented line, with their example value. */
  set: Map<string, string>;
};

const SET_LINE = /^([A-Z][A-Z0-9_]*)=(.*)$/;
const COMMENTED_LINE = /^#\s*([A-Z][A-Z0-9_]*)=/;

/** Reads .env.example: which variables it documents and which it sets. */
export function parseEnvExample(text: string): EnvExample {
  const documented = new Set<string>();
  const set = new Map<string, string>();
  for (const raw of text.split("\n")) {
    const line = raw.trim();
    const assignment = SET_LINE.exec(line);
    if (assignment?.[1] !== undefined) {
      documented.add(assignment[1]);
      set.set(assignment[1], assignment[2] ?? "");
      continue;
    }
    const commented = COMMENTED_LINE.exec(line);
    if (commented?.[1] !== undefined) documented.add(commented[1]);
  }
  return { documented, set };
}
