import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";

// Workspace packages stay sealed: a relative import never leaves the package (or app) it is written in, and another
// workspace package is imported by its name and one of its `exports`, never by a path into its files.

/** Nearest folder at or above `dir` holding `file`, or null. */
function findUp(dir, file) {
  for (let current = dir; ; current = path.dirname(current)) {
    if (existsSync(path.join(current, file))) return current;
    if (path.dirname(current) === current) return null;
  }
}

const workspaces = new Map();

/** The workspace packages (name → { dir, exports }) of the pnpm workspace rooted at `root`. */
function workspacePackages(root) {
  let packages = workspaces.get(root);
  if (packages) return packages;
  packages = new Map();
  const yaml = readFileSync(path.join(root, "pnpm-workspace.yaml"), "utf8");
  // NOTE: only the shapes this repository uses: `- dir/*` and `- dir`.
  const globs = [...yaml.matchAll(/^\s+-\s+["']?([^"'\s#]+)["']?\s*$/gm)].map((m) => m[1]).filter((g) => !g.startsWith("!"));
  for (const glob of globs) {
    const dirs = glob.endsWith("/*")
      ? readdirSync(path.join(root, glob.slice(0, -2)), { withFileTypes: true })
          .filter((entry) => entry.isDirectory())
          .map((entry) => path.join(root, glob.slice(0, -2), entry.name))
      : [path.join(root, glob)];
    for (const dir of dirs) {
      const manifestPath = path.join(dir, "package.json");
      if (!existsSync(manifestPath)) continue;
      const manifest = JSON.parse(readFileSync(manifestPath, "utf8"));
      if (manifest.name) packages.set(manifest.name, { dir, exports: manifest.exports });
    }
  }
  workspaces.set(root, packages);
  return packages;
}

/** The subpaths a package's `exports` field offers ("." for the root), with `*` patterns kept. */
function exportedSubpaths(exportsField) {
  if (exportsField === undefined) return [];
  if (typeof exportsField === "string" || Array.isArray(exportsField)) return ["."];
  const keys = Object.keys(exportsField);
  // Conditions only ({ "import": ..., "default": ... }) export the root.
  return keys.every((key) => !key.startsWith(".")) ? ["."] : keys;
}

function isExported(subpath, subpaths) {
  return subpaths.some((entry) => {
    const star = entry.indexOf("*");
    if (star === -1) return entry === subpath;
    return subpath.startsWith(entry.slice(0, star)) && subpath.endsWith(entry.slice(star + 1));
  });
}

/** "@scope/name/deep/path" → ["@scope/name", "./deep/path"]; "name" → ["name", "."]. */
function splitSpecifier(specifier) {
  const parts = specifier.split("/");
  const nameLength = specifier.startsWith("@") ? 2 : 1;
  const rest = parts.slice(nameLength).join("/");
  return [parts.slice(0, nameLength).join("/"), rest ? `./${rest}` : "."];
}

/** @type {import("eslint").Rule.RuleModule} */
export const packageBoundaries = {
  meta: {
    type: "problem",
    docs: { description: "Relative imports stay inside their package; workspace packages are imported through their `exports`." },
    schema: [],
    messages: {
      leavesPackage:
        "'{{specifier}}' leaves this package ({{from}}) for {{to}}. Import the other package by its name and `exports` (add it to package.json).",
      notExported:
        "'{{specifier}}' reaches into {{name}}, which does not export '{{subpath}}'. Import one of its `exports` ({{exported}}), or export what you need.",
    },
  },
  create(context) {
    const filename = context.physicalFilename ?? context.filename;
    if (!path.isAbsolute(filename)) return {};
    const fileDir = path.dirname(filename);
    const ownPackage = findUp(fileDir, "package.json");
    const workspaceRoot = findUp(fileDir, "pnpm-workspace.yaml");
    if (!ownPackage || !workspaceRoot) return {};

    function check(node, source) {
      if (!source || typeof source.value !== "string") return;
      const specifier = source.value;
      if (specifier.startsWith(".")) {
        const target = path.resolve(fileDir, specifier);
        const relative = path.relative(ownPackage, target);
        if (relative.startsWith("..") || path.isAbsolute(relative)) {
          context.report({
            node: source,
            messageId: "leavesPackage",
            data: {
              specifier,
              from: path.relative(workspaceRoot, ownPackage) || ".",
              to: path.relative(workspaceRoot, target) || ".",
            },
          });
        }
        return;
      }
      const [name, subpath] = splitSpecifier(specifier);
      const target = workspacePackages(workspaceRoot).get(name);
      if (!target || target.dir === ownPackage) return;
      const subpaths = exportedSubpaths(target.exports);
      if (isExported(subpath, subpaths)) return;
      context.report({
        node: source,
        messageId: "notExported",
        data: { specifier, name, subpath, exported: subpaths.length > 0 ? subpaths.join(", ") : "none: it is not a library" },
      });
    }

    return {
      ImportDeclaration: (node) => check(node, node.source),
      ExportNamedDeclaration: (node) => check(node, node.source),
      ExportAllDeclaration: (node) => check(node, node.source),
      ImportExpression: (node) => check(node, node.source.type === "Literal" ? node.source : null),
    };
  },
};

export default { meta: { name: "@parley/eslint-plugin-boundaries" }, rules: { "package-boundaries": packageBoundaries } };
