// A promise is never used as if it were its value. TypeScript accepts `if (p)`, `p === undefined`,
// a store write left floating, or a promise handed to JSON.stringify; each is a silent bug since the
// data layer became asynchronous. This walks src/ and tests/ with the type checker and lists them.
// An explicit `void expr` marks a promise left to run on purpose.
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const dirs = ['src', 'tests'].map((d) => path.join(root, d) + path.sep);

function loadProgram(): ts.Program {
  const file = path.join(root, 'tsconfig.json');
  const read = ts.readConfigFile(file, ts.sys.readFile);
  const parsed = ts.parseJsonConfigFileContent(read.config, ts.sys, root);
  return ts.createProgram({ rootNames: parsed.fileNames, options: parsed.options });
}

function findMisusedPromises(program: ts.Program, ours: (fileName: string) => boolean): string[] {
  const checker = program.getTypeChecker();
  const found: string[] = [];

  const isThenable = (type: ts.Type): boolean => {
    if (type.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)) return false;
    if (type.isUnion()) return type.types.some(isThenable);
    const then = type.getProperty('then');
    if (!then) return false;
    const thenType = checker.getNonNullableType(checker.getTypeOfSymbol(then));
    return thenType.getCallSignatures().length > 0;
  };
  // A condition or a comparison on `Promise | undefined` asks whether there is one (a pass under way):
  // only a value that is a promise whatever happens is always truthy, never equal to undefined.
  const alwaysThenable = (type: ts.Type): boolean => (type.isUnion() ? type.types.every(alwaysThenable) : isThenable(type));
  const promiseAt = (node: ts.Expression): boolean => isThenable(checker.getTypeAtLocation(node));
  const alwaysPromiseAt = (node: ts.Expression): boolean => alwaysThenable(checker.getTypeAtLocation(node));
  const loose = (type: ts.Type | undefined): boolean =>
    !!type && (type.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)) !== 0;

  const report = (node: ts.Node, what: string) => {
    const sf = node.getSourceFile();
    const { line } = sf.getLineAndCharacterOfPosition(node.getStart(sf));
    const text = node.getText(sf).replace(/\s+/g, ' ').slice(0, 70);
    found.push(`${path.relative(root, sf.fileName)}:${line + 1} ${what}: ${text}`);
  };
  const checkCondition = (node: ts.Expression | undefined) => {
    if (node && alwaysPromiseAt(node)) report(node, 'promise used as a condition');
  };
  // `.catch(…)` or `.then(…, onRejected)` handles the rejection: a floating chain that ends so is meant.
  const handlesRejection = (node: ts.Expression): boolean =>
    ts.isCallExpression(node) &&
    ts.isPropertyAccessExpression(node.expression) &&
    (node.expression.name.text === 'catch' || (node.expression.name.text === 'then' && node.arguments.length >= 2));

  const visit = (node: ts.Node): void => {
    if (ts.isIfStatement(node) || ts.isWhileStatement(node) || ts.isDoStatement(node)) checkCondition(node.expression);
    else if (ts.isForStatement(node)) checkCondition(node.condition);
    else if (ts.isConditionalExpression(node)) checkCondition(node.condition);
    else if (ts.isPrefixUnaryExpression(node) && node.operator === ts.SyntaxKind.ExclamationToken) checkCondition(node.operand);
    else if (ts.isBinaryExpression(node)) {
      const op = node.operatorToken.kind;
      if (op === ts.SyntaxKind.AmpersandAmpersandToken || op === ts.SyntaxKind.BarBarToken || op === ts.SyntaxKind.QuestionQuestionToken) {
        checkCondition(node.left);
      } else if (
        op === ts.SyntaxKind.EqualsEqualsEqualsToken || op === ts.SyntaxKind.ExclamationEqualsEqualsToken ||
        op === ts.SyntaxKind.EqualsEqualsToken || op === ts.SyntaxKind.ExclamationEqualsToken
      ) {
        // Two promises compared is a question of identity (is this still the latest?), not a misuse.
        if (alwaysPromiseAt(node.left) && !promiseAt(node.right)) report(node.left, 'promise compared');
        else if (alwaysPromiseAt(node.right) && !promiseAt(node.left)) report(node.right, 'promise compared');
      }
    } else if (ts.isExpressionStatement(node)) {
      const e = node.expression;
      const assignment = ts.isBinaryExpression(e) && e.operatorToken.kind >= ts.SyntaxKind.FirstAssignment && e.operatorToken.kind <= ts.SyntaxKind.LastAssignment;
      if (!ts.isVoidExpression(e) && !assignment && !handlesRejection(e) && promiseAt(e)) report(e, 'floating promise');
    } else if (ts.isTemplateSpan(node)) {
      if (promiseAt(node.expression)) report(node.expression, 'promise in a template string');
    } else if (ts.isSpreadElement(node) || ts.isSpreadAssignment(node)) {
      if (promiseAt(node.expression)) report(node.expression, 'promise spread');
    } else if (ts.isPropertyAssignment(node) || ts.isShorthandPropertyAssignment(node)) {
      // A field of a log line or a JSON body, typed unknown: the promise itself would be written.
      const value = ts.isPropertyAssignment(node) ? node.initializer : node.name;
      if (loose(checker.getContextualType(value)) && promiseAt(value)) report(value, 'promise passed as any/unknown');
    } else if (ts.isCallExpression(node) || ts.isNewExpression(node)) {
      for (const arg of node.arguments ?? []) {
        if (ts.isSpreadElement(arg)) continue;
        if (loose(checker.getContextualType(arg)) && promiseAt(arg)) report(arg, 'promise passed as any/unknown');
        // An async callback where a void one is expected: nobody awaits it or hears its failure.
        if (ts.isArrowFunction(arg) || ts.isFunctionExpression(arg)) {
          const expected = checker.getContextualType(arg);
          const sigs = expected ? checker.getNonNullableType(expected).getCallSignatures() : [];
          const own = checker.getSignatureFromDeclaration(arg);
          if (
            own && sigs.length > 0 &&
            sigs.every((s) => (checker.getReturnTypeOfSignature(s).flags & ts.TypeFlags.Void) !== 0) &&
            isThenable(checker.getReturnTypeOfSignature(own))
          ) report(arg, 'async callback where a void one is expected');
        }
      }
    }
    ts.forEachChild(node, visit);
  };

  for (const sf of program.getSourceFiles()) {
    if (!sf.isDeclarationFile && ours(sf.fileName)) visit(sf);
  }
  return found;
}

/** A one-file program (with the project's compiler options) to show what the check finds. */
function fixtureProgram(source: string): { program: ts.Program; file: string } {
  const file = path.join(root, 'fixture.ts');
  const options: ts.CompilerOptions = { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext, lib: ['lib.es2023.d.ts'], strict: true, noEmit: true, types: [] };
  const host = ts.createCompilerHost(options);
  const { getSourceFile, fileExists, readFile } = host;
  host.getSourceFile = (name, lang, ...rest) => (name === file ? ts.createSourceFile(name, source, lang) : getSourceFile(name, lang, ...rest));
  host.fileExists = (name) => name === file || fileExists(name);
  host.readFile = (name) => (name === file ? source : readFile(name));
  return { program: ts.createProgram({ rootNames: [file], options, host }), file };
}

const FIXTURE = `
async function closed(): Promise<string | undefined> { return undefined; }
async function write(): Promise<void> {}
declare let pending: Promise<number> | undefined;
export async function uses(): Promise<unknown> {
  if (closed()) return 1;                       // line 6: condition
  const c = closed() === undefined;             // line 7: compared
  write();                                      // line 8: floating
  const s = JSON.stringify({ a: 1 }) + JSON.stringify(closed()); // line 9: any
  const t = \`now \${write()}\`;                  // line 10: template
  const o = { ...write() };                     // line 11: spread
  [1, 2].forEach(async () => { await write(); }); // line 12: void callback
  void write();
  write().catch(() => undefined);
  await write();
  if (await closed()) return 2;
  if (pending) return 3;
  const d = pending === undefined;
  const w = write(); const same = w === w;
  const fields: Record<string, unknown> = { ok: 1, late: closed() }; // line 20: any
  const e = await closed() ?? 'open';
  return [c, s, t, o, d, e, same, fields];
}
`;

describe('promises', () => {
  it('the check finds each misuse and lets the explicit ones be', () => {
    const { program, file } = fixtureProgram(FIXTURE);
    expect(findMisusedPromises(program, (name) => name === file).map((f) => f.replace(/^fixture\.ts:(\d+) ([^:]+):.*$/, '$1 $2'))).toEqual([
      '6 promise used as a condition',
      '7 promise compared',
      '8 floating promise',
      '9 promise passed as any/unknown',
      '10 promise in a template string',
      '11 promise spread',
      '12 async callback where a void one is expected',
      '20 promise passed as any/unknown',
    ]);
  });

  it('no promise in src/ or tests/ is used as if it were its value', () => {
    expect(findMisusedPromises(loadProgram(), (name) => dirs.some((d) => name.startsWith(d)))).toEqual([]);
  }, 60_000);
});
