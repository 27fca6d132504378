import { expect } from 'chai';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { modules } from '../../src/modules/index.js';

/**
 * No module reads another's tables. The ORM side is held by dependency-cruiser (a module imports
 * only its own *.schema.ts); this holds the raw SQL side: no string in a module's code names a
 * table another module owns (each module's tables are the EntitySchemas it registers).
 */
const SQL_TABLE = /\b(?:from|join|into|update|table|truncate)\s+(?:only\s+)?"?([a-z_][a-z0-9_]*)"?/gi;

/** The tables a piece of SQL names after from, join, into, update, table or truncate. */
function tablesNamedIn(sql: string): string[] {
  return [...sql.matchAll(SQL_TABLE)].map((match) => match[1]!.toLowerCase());
}

/** Every string and template literal of a source file (SQL lives there, not in comments). */
function literalsOf(source: string): string[] {
  const withoutComments = source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`\\])\/\/.*$/gm, '$1');
  return [...withoutComments.matchAll(/`(?:[^`\\]|\\.)*`|'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"/g)].map((match) => match[0]);
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(full) : entry.name.endsWith('.ts') ? [full] : [];
  });
}

const ownerOf = new Map<string, string>();
for (const module of modules) for (const schema of module.entities) ownerOf.set(schema.meta.tableName, module.name);

describe('module tables', () => {
  it('finds the tables a statement names, quoted or not', () => {
    expect(tablesNamedIn('select u.id from users u join "group_members" m on m.user_id = u.id')).to.deep.equal(['users', 'group_members']);
    expect(tablesNamedIn('insert into messages (id) values (?); update only media set x = 1; delete from contacts')).to.deep.equal(['messages', 'media', 'contacts']);
  });

  it('gives every module tables of its own', () => {
    for (const module of modules) expect([...ownerOf.values()], module.name).to.include(module.name);
  });

  it('lets no module’s SQL name a table of another module', () => {
    const trespasses: string[] = [];
    for (const module of modules) {
      for (const file of filesUnder(path.resolve('src/modules', module.name))) {
        for (const literal of literalsOf(readFileSync(file, 'utf8'))) {
          for (const table of tablesNamedIn(literal)) {
            const owner = ownerOf.get(table);
            if (owner && owner !== module.name) trespasses.push(`${path.relative('.', file)}: ${table} (of ${owner})`);
          }
        }
      }
    }
    expect(trespasses).to.deep.equal([]);
  });
});
