/**
 * The README's self-hosting commands, as the test runs them: each block follows a `<!-- compose-e2e: NAME ... -->`
 * marker. The test runs a block as it is, except for the listed edits (a placeholder a self-hoster replaces with
 * their own value); an edit that no longer matches fails, so the README and the test cannot drift apart.
 */
export function readmeBlock(readme: string, name: string): string {
  const marker = new RegExp(`<!-- compose-e2e: ${name}(?:\\s[^>]*)?-->\\s*\\n\`\`\`sh\\n([\\s\\S]*?)\\n\`\`\``);
  const match = marker.exec(readme);
  if (!match?.[1]) throw new Error(`README.md has no \`<!-- compose-e2e: ${name} -->\` block`);
  return match[1];
}

/** Applies placeholder edits to a block; each `from` must occur in it. */
export function withEdits(block: string, edits: ReadonlyArray<readonly [from: string, to: string]>): string {
  let out = block;
  for (const [from, to] of edits) {
    if (!out.includes(from)) throw new Error(`README block no longer contains ${JSON.stringify(from)}`);
    out = out.replaceAll(from, to);
  }
  return out;
}
