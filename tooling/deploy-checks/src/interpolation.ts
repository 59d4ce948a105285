export type VariableUse = { name: string; required: boolean; fallback: string | undefined };

// `${NAME}`, `${NAME:-default}`, `${NAME-default}`, `${NAME:?message}`, `${NAME?message}`. A default may itself
// contain `${OTHER}`; the inner reference is found on its own, and such a default is reported as undefined.
const REFERENCE = /\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?)([-?])((?:[^{}]|\{[^{}]*\})*))?\}/g;
const NAME_ONLY = /\$\{([A-Za-z_][A-Za-z0-9_]*)/g;

/** Every `${VAR}` reference in a Compose-style text (compose files, coturn's template), nested ones included. */
export function variableUses(text: string): VariableUse[] {
  const uses: VariableUse[] = [];
  const names = new Set<string>();
  for (const match of text.matchAll(NAME_ONLY)) names.add(match[1] as string);
  for (const match of text.matchAll(REFERENCE)) {
    const [, name, , kind, rest] = match;
    const fallback = kind === "-" && rest !== undefined && !rest.includes("${") ? rest : undefined;
    uses.push({ name: name as string, required: kind === "?", fallback });
    names.delete(name as string);
  }
  // Names seen only inside another reference's default (e.g. ${A:-${B}}) still count as uses.
  for (const name of names) uses.push({ name, required: false, fallback: undefined });
  return uses;
}

/** The single `${NAME:-literal}` a value consists of, if it is exactly that. */
export function soleDefault(value: string): { name: string; fallback: string } | undefined {
  const match = /^\$\{([A-Za-z_][A-Za-z0-9_]*):-([^${}]*)\}$/.exec(value);
  return match ? { name: match[1] as string, fallback: match[2] as string } : undefined;
}

/**
 * `text` as compose resolves it when no variable is set: `${NAME:-x}` and `${NAME-x}` become x. Undefined when
 * another kind of reference (no default, required, nested) is left, since its value is only known at run time.
 */
export function withDefaults(text: string): string | undefined {
  const resolved = text.replace(/\$\{[A-Za-z_][A-Za-z0-9_]*:?-([^${}]*)\}/g, "$1");
  return resolved.includes("${") ? undefined : resolved;
}

/** Names of the variables `text` refers to, in order. */
export function variableNames(text: string): string[] {
  return [...text.matchAll(/\$\{([A-Za-z_][A-Za-z0-9_]*)/g)].map((match) => match[1] as string);
}
