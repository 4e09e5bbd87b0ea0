import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const SRC = join(ROOT, 'src');
/** Files directly in `src/` (errors, config): the bottom layer every folder may use. */
const BOTTOM = '(root)';

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sourceFiles(join(dir, entry.name)) : entry.name.endsWith('.ts') ? [join(dir, entry.name)] : [],
  );
}

function folderOf(file: string): string {
  const parts = relative(SRC, file).split(sep);
  return parts.length > 1 ? parts[0]! : BOTTOM;
}

/** Every `src/` folder → the `src/` folders its files import (static imports, `import type` and `import()`). */
function importGraph(): Map<string, Map<string, string>> {
  const graph = new Map<string, Map<string, string>>();
  for (const file of sourceFiles(SRC)) {
    const from = folderOf(file);
    const edges = graph.get(from) ?? new Map<string, string>();
    graph.set(from, edges);
    for (const [, specifier] of readFileSync(file, 'utf8').matchAll(/(?:from|import)\s*\(?\s*'(\.[^']+)'/g)) {
      const target = resolve(dirname(file), specifier!);
      if (!target.startsWith(SRC + sep)) continue;
      const to = folderOf(target);
      if (to !== from && !edges.has(to)) edges.set(to, relative(ROOT, file));
    }
  }
  return graph;
}

/** ARCHITECTURE.md's layer table: folder → the folders its "may import" cell names (`everything` = any). */
function layerTable(folders: Set<string>): Map<string, Set<string> | 'any'> {
  const table = new Map<string, Set<string> | 'any'>();
  for (const line of readFileSync(join(ROOT, 'ARCHITECTURE.md'), 'utf8').split('\n')) {
    const row = /^\| `src\/([\w-]+)\/` \|.*\| ([^|]*) \|$/.exec(line);
    if (!row) continue;
    const cell = row[2]!;
    table.set(row[1]!, cell.trim() === 'everything' ? 'any' : new Set(cell.split(/[^\w-]+/).filter((word) => folders.has(word))));
  }
  return table;
}

function findCycle(graph: Map<string, Map<string, string>>): string[] | null {
  const state = new Map<string, 'open' | 'done'>();
  const visit = (folder: string, path: string[]): string[] | null => {
    if (state.get(folder) === 'open') return [...path.slice(path.indexOf(folder)), folder];
    if (state.get(folder) === 'done') return null;
    state.set(folder, 'open');
    for (const next of graph.get(folder)?.keys() ?? []) {
      const cycle = visit(next, [...path, folder]);
      if (cycle) return cycle;
    }
    state.set(folder, 'done');
    return null;
  };
  for (const folder of graph.keys()) {
    const cycle = visit(folder, []);
    if (cycle) return cycle;
  }
  return null;
}

describe('the layers of ARCHITECTURE.md', () => {
  const graph = importGraph();
  const folders = new Set([...graph.keys()].filter((folder) => folder !== BOTTOM));
  const table = layerTable(folders);

  it('lists every folder of src/', () => {
    expect([...folders].filter((folder) => !table.has(folder))).toEqual([]);
  });

  it('allows every import a folder makes', () => {
    const unlisted: string[] = [];
    for (const [from, edges] of graph) {
      const allowed = from === BOTTOM ? new Set<string>() : table.get(from);
      for (const [to, file] of edges) {
        if (to !== BOTTOM && allowed !== 'any' && !allowed?.has(to)) unlisted.push(`${file} imports src/${to}/`);
      }
    }
    expect(unlisted).toEqual([]);
  });

  it('has no cycle between folders', () => {
    expect(findCycle(graph)).toBeNull();
  });
});

describe('the storage layer', () => {
  const outside = sourceFiles(SRC).filter((file) => !relative(SRC, file).startsWith(`db${sep}`));

  it('is the only place that imports a database driver or drizzle', () => {
    const drivers = outside.filter((file) => /from '(better-sqlite3|pg|drizzle-orm[^']*)'/.test(readFileSync(file, 'utf8')));
    expect(drivers.map((file) => relative(ROOT, file))).toEqual([]);
  });

  it('is the only place with SQL', () => {
    const sql = /\b(SELECT [\w*"(]|INSERT INTO|UPDATE \w+ SET|DELETE FROM|CREATE (TABLE|INDEX|TRIGGER))/;
    expect(outside.filter((file) => sql.test(readFileSync(file, 'utf8'))).map((file) => relative(ROOT, file))).toEqual([]);
  });
});
