/**
 * Checks that each use case takes exactly the ports it uses (issue 14 point 3): the `d` parameter
 * of every class constructor and helper function under src/modules/<m>/application/ may name
 * only members of the module's deps bag that the body reads — `d.x`, `const { x } = d`, or `d`
 * passed on to a function whose parameter asks for `x`. A wider Pick fails with the members to
 * drop. Run: npm run use-case-deps.
 */
import path from 'node:path';
import ts from 'typescript';

const root = path.resolve(import.meta.dirname, '..');
const parsed = ts.getParsedCommandLineOfConfigFile(path.join(root, 'tsconfig.json'), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined });
if (!parsed) throw new Error('tsconfig.json could not be read');
const files = parsed.fileNames.filter((file) => /src\/modules\/[^/]+\/application\/[^/]+\.ts$/.test(file) && !file.endsWith('/deps.ts'));
const program = ts.createProgram(files, parsed.options);
const checker = program.getTypeChecker();

/** The members of the module's deps bag (IncidentsDeps, …), from its application/deps.ts. */
function bagOf(file: string): Set<string> {
  const deps = program.getSourceFile(path.join(path.dirname(file), 'deps.ts'));
  const module = deps && checker.getSymbolAtLocation(deps);
  const bag = module && checker.getExportsOfModule(module).find((s) => /^[A-Z]\w*Deps$/.test(s.name) && s.flags & ts.SymbolFlags.Interface);
  return new Set(bag ? checker.getDeclaredTypeOfSymbol(bag).getProperties().map((p) => p.name) : []);
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

const wider: string[] = [];
for (const file of files) {
  const source = program.getSourceFile(file);
  if (!source) continue;
  const bag = bagOf(file);
  const check = (name: string, param: ts.ParameterDeclaration, body: ts.Node, isD: (node: ts.Node) => boolean): void => {
    const declared = new Set(checker.getTypeAtLocation(param).getProperties().map((p) => p.name).filter((m) => bag.has(m)));
    if (!declared.size) return;
    const read = membersRead(body, isD, declared);
    const unused = [...declared].filter((m) => !read.has(m));
    if (unused.length) wider.push(`${path.relative(root, file)}:${source.getLineAndCharacterOfPosition(param.getStart()).line + 1} ${name} does not use ${unused.join(', ')}`);
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

if (wider.length) {
  console.error(`Use cases that take ports they do not use (narrow their Pick<…>):\n${wider.join('\n')}`);
  process.exitCode = 1;
} else console.log(`use-case deps: every constructor and helper in ${files.length} application files takes exactly what it uses`);
