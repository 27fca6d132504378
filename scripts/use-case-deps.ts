/**
 * Checks that each use case takes exactly the ports it uses (issue 14 point 3): the `d` parameter
 * of every class constructor and helper function under src/modules/<m>/application/ may name
 * only members of the module's deps bag that the body reads — `d.x`, `const { x } = d`, or `d`
 * passed on to a function whose parameter asks for `x`. A wider Pick fails with the members to
 * drop. Run: npm run use-case-deps; with --fix it rewrites each such parameter to the Pick<…> of
 * the members it reads (repeated until nothing narrows further, since a narrowed helper asks less
 * of its callers), e.g. after a merge brought in new helpers.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

const root = path.resolve(import.meta.dirname, '..');
interface Wider {
  where: string;
  file: string;
  /** The parameter's type annotation, and the Pick that would replace it (null: it names more than the bag). */
  type: { start: number; end: number };
  narrowed: string | null;
}

function check(): Wider[] {
  const parsed = ts.getParsedCommandLineOfConfigFile(path.join(root, 'tsconfig.json'), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined });
  if (!parsed) throw new Error('tsconfig.json could not be read');
  const files = parsed.fileNames.filter((file) => /src\/modules\/[^/]+\/application\/[^/]+\.ts$/.test(file) && !file.endsWith('/deps.ts'));
  const program = ts.createProgram(files, parsed.options);
  const checker = program.getTypeChecker();

  /** The members of the module's deps bag (IncidentsDeps, …), from its application/deps.ts. */
  function bagOf(file: string): { name: string; members: Set<string> } {
    const deps = program.getSourceFile(path.join(path.dirname(file), 'deps.ts'));
    const module = deps && checker.getSymbolAtLocation(deps);
    const bag = module && checker.getExportsOfModule(module).find((s) => /^[A-Z]\w*Deps$/.test(s.name) && s.flags & ts.SymbolFlags.Interface);
    return { name: bag?.name ?? '', members: new Set(bag ? checker.getDeclaredTypeOfSymbol(bag).getProperties().map((p) => p.name) : []) };
  }

  /** The members a body reads of `d` (reached as `this.d` in a class), following `const x = d` aliases. */
  function membersRead(body: ts.Node, isD: (node: ts.Node) => boolean, declared: ReadonlySet<string>): Set<string> {
    const read = new Set<string>();
    const aliases = new Set<string>();
    const isAlias = (node: ts.Node): boolean =>
      ts.isIdentifier(node) && aliases.has(node.text) && !(ts.isPropertyAccessExpression(node.parent) && node.parent.name === node) && !ts.isVariableDeclaration(node.parent) && !ts.isParameter(node.parent);
    const visit = (node: ts.Node): void => {
      if (isD(node) || isAlias(node)) {
        const parent = node.parent;
        if (ts.isPropertyAccessExpression(parent) && parent.expression === node) read.add(parent.name.text);
        else if (ts.isVariableDeclaration(parent) && ts.isObjectBindingPattern(parent.name)) for (const e of parent.name.elements) read.add((e.propertyName ?? e.name).getText());
        else if (ts.isVariableDeclaration(parent) && ts.isIdentifier(parent.name)) aliases.add(parent.name.text);
        else for (const p of checker.getContextualType(node as ts.Expression)?.getApparentProperties() ?? declared.values()) read.add(typeof p === 'string' ? p : p.name);
      }
      ts.forEachChild(node, visit);
    };
    visit(body);
    if (aliases.size) visit(body);
    return read;
  }

  const wider: Wider[] = [];
  for (const file of files) {
    const source = program.getSourceFile(file);
    if (!source) continue;
    const { name: bagName, members: bag } = bagOf(file);
    const check = (name: string, param: ts.ParameterDeclaration, body: ts.Node, isD: (node: ts.Node) => boolean): void => {
      const all = checker.getTypeAtLocation(param).getProperties().map((p) => p.name);
      const declared = new Set(all.filter((m) => bag.has(m)));
      if (!declared.size || !param.type) return;
      const read = membersRead(body, isD, declared);
      const unused = [...declared].filter((m) => !read.has(m));
      if (!unused.length) return;
      // The members in the order the annotation (or the alias it names) lists them, then the bag's.
      const named = [...(checker.getTypeFromTypeNode(param.type).aliasSymbol?.declarations?.[0] ?? param.type).getText().matchAll(/'(\w+)'/g)].map((m) => m[1] ?? '');
      const kept = [...new Set([...named, ...bag])].filter((m) => declared.has(m) && read.has(m));
      wider.push({
        where: `${path.relative(root, file)}:${source.getLineAndCharacterOfPosition(param.getStart()).line + 1} ${name} does not use ${unused.join(', ')}`,
        file,
        type: { start: param.type.getStart(), end: param.type.getEnd() },
        narrowed: all.length === declared.size && kept.length ? `Pick<${bagName}, ${kept.map((m) => `'${m}'`).join(' | ')}>` : null,
      });
    };
    const visit = (node: ts.Node): void => {
      const dOf = (params: ts.NodeArray<ts.ParameterDeclaration>) => params.find((p) => ts.isIdentifier(p.name) && p.name.text === 'd');
      if (ts.isClassDeclaration(node) && node.name) {
        const param = dOf(node.members.find(ts.isConstructorDeclaration)?.parameters ?? ts.factory.createNodeArray());
        if (param) check(node.name.text, param, node, (n) => ts.isPropertyAccessExpression(n) && n.expression.kind === ts.SyntaxKind.ThisKeyword && n.name.text === 'd');
      }
      if ((ts.isFunctionDeclaration(node) || ts.isArrowFunction(node)) && node.body) {
        const param = dOf(node.parameters);
        if (param) check(`${ts.isFunctionDeclaration(node) ? (node.name?.text ?? 'function') : 'arrow function'}()`, param, node.body, (n) => ts.isIdentifier(n) && n.text === 'd' && !(ts.isPropertyAccessExpression(n.parent) && n.parent.name === n) && !ts.isParameter(n.parent));
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return wider;
}

const fix = process.argv.includes('--fix');
let wider = check();
for (let round = 0; fix && wider.length && round < 10; round++) {
  const byFile = new Map<string, Wider[]>();
  for (const w of wider) if (w.narrowed !== null) byFile.set(w.file, [...(byFile.get(w.file) ?? []), w]);
  if (!byFile.size) break;
  for (const [file, found] of byFile) {
    let text = readFileSync(file, 'utf8');
    for (const w of found.sort((a, b) => b.type.start - a.type.start)) text = text.slice(0, w.type.start) + w.narrowed + text.slice(w.type.end);
    writeFileSync(file, text);
  }
  wider = check();
}

if (wider.length) {
  console.error(`Use cases that take ports they do not use (narrow their Pick<…>, or run with --fix):\n${wider.map((w) => w.where).join('\n')}`);
  process.exitCode = 1;
} else console.log('use-case deps: every use case and helper under src/modules/*/application takes exactly the ports it uses');
