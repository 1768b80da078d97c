// Test helper: validates request bodies the bot would send against LINE's official OpenAPI spec
// (line/line-openapi messaging-api.yml, copied to ../shared) and against our own limits check.
// The spec expresses polymorphism only through `discriminator.mapping`, which plain JSON Schema
// ignores; it is rewritten into if/then dispatchers first (recipe: reference/line-platform.md §8).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import YAML from 'yaml';
import type { messagingApi } from '@line/bot-sdk';
import { checkMessages, describeViolation } from '../../src/line/limits';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export const specPath = path.resolve(repoRoot, '../shared/line-openapi/messaging-api.yml');
export const specAvailable = fs.existsSync(specPath);
export const SPEC_MISSING_MESSAGE =
  `The LINE OpenAPI spec was not found at ${specPath}, so the spec conformance checks are skipped here; CI has the spec and runs them.`;

export type LineRequestKind = 'reply' | 'push' | 'multicast' | 'richmenu' | 'loading';

const SCHEMA_BY_KIND: Record<LineRequestKind, string> = {
  reply: 'ReplyMessageRequest',
  push: 'PushMessageRequest',
  multicast: 'MulticastRequest',
  richmenu: 'RichMenuRequest',
  loading: 'ShowLoadingAnimationRequest',
};

const MESSAGE_KINDS: ReadonlySet<LineRequestKind> = new Set(['reply', 'push', 'multicast']);

type Schema = Record<string, unknown> & {
  allOf?: Array<Record<string, unknown>>;
  discriminator?: { propertyName: string; mapping?: Record<string, string> };
};

const SCHEMA_REF_PREFIX = '#/components/schemas/';

function schemaName(ref: string): string {
  return ref.slice(SCHEMA_REF_PREFIX.length);
}

/**
 * Turns every discriminator parent into a dispatcher that validates the object against the child the
 * `type` names, while children inherit the parent's plain properties from a `<Parent>__Base` copy
 * (pointing them at the dispatcher would recurse). No schema is both parent and child, so one pass works.
 */
function dispatchDiscriminators(schemas: Record<string, Schema>): Record<string, Schema> {
  const out = structuredClone(schemas);
  for (const [name, schema] of Object.entries(schemas)) {
    const mapping = schema.discriminator?.mapping;
    if (!mapping) continue;
    const base = structuredClone(schema);
    delete base.discriminator;
    out[`${name}__Base`] = base;
    for (const ref of Object.values(mapping)) {
      const child = out[schemaName(ref)];
      if (!child) throw new Error(`discriminator ${name} maps to missing schema ${ref}`);
      child.allOf = (child.allOf ?? []).map((part) =>
        part['$ref'] === `${SCHEMA_REF_PREFIX}${name}` ? { $ref: `${SCHEMA_REF_PREFIX}${name}__Base` } : part);
    }
  }
  for (const [name, schema] of Object.entries(schemas)) {
    const mapping = schema.discriminator?.mapping;
    if (!schema.discriminator || !mapping) continue;
    const property = schema.discriminator.propertyName;
    out[name] = {
      type: 'object',
      required: [property],
      properties: { [property]: { type: 'string', enum: Object.keys(mapping) } },
      allOf: Object.entries(mapping).map(([value, ref]) => ({
        if: { properties: { [property]: { const: value } }, required: [property] },
        then: { $ref: ref },
      })),
    };
  }
  return out;
}

const SPEC_ID = 'line-messaging-api';
let compiledAjv: Ajv | undefined;
const validators = new Map<LineRequestKind, ValidateFunction>();

function loadAjv(): Ajv {
  if (compiledAjv) return compiledAjv;
  const spec = YAML.parse(fs.readFileSync(specPath, 'utf8')) as { components: { schemas: Record<string, Schema> } };
  // strict:false lets the OpenAPI-only keywords (discriminator, example, externalDocs) through; the
  // logger is off because one field uses a regex as its "format" and Ajv would warn about it on every run.
  const ajv = new Ajv({ strict: false, allErrors: true, logger: false });
  addFormats(ajv);
  ajv.addSchema({ $id: SPEC_ID, components: { schemas: dispatchDiscriminators(spec.components.schemas) } });
  compiledAjv = ajv;
  return ajv;
}

function validatorFor(kind: LineRequestKind): ValidateFunction {
  const cached = validators.get(kind);
  if (cached) return cached;
  const validate = loadAjv().getSchema(`${SPEC_ID}${SCHEMA_REF_PREFIX}${SCHEMA_BY_KIND[kind]}`);
  if (!validate) throw new Error(`schema ${SCHEMA_BY_KIND[kind]} not found in ${specPath}`);
  validators.set(kind, validate);
  return validate;
}

/** `if` errors only say "must match then schema"; the useful error is the one inside the branch. */
function isNoise(error: ErrorObject): boolean {
  return error.keyword === 'if';
}

function formatAjvError(error: ErrorObject): string {
  const where = error.instancePath === '' ? '(root)' : error.instancePath;
  const allowed = error.keyword === 'enum' ? ` (${(error.params as { allowedValues: unknown[] }).allowedValues.join(', ')})` : '';
  return `${where} ${error.message ?? error.keyword}${allowed}`;
}

/** Spec errors for `body` as readable strings; empty when valid or when the spec is not available. */
export function validateAgainstSpec(kind: LineRequestKind, body: unknown): string[] {
  if (!specAvailable) return [];
  const validate = validatorFor(kind);
  if (validate(body)) return [];
  return [...new Set((validate.errors ?? []).filter((e) => !isNoise(e)).map(formatAjvError))];
}

function limitProblems(kind: LineRequestKind, body: unknown): string[] {
  if (!MESSAGE_KINDS.has(kind)) return [];
  const messages = (body as { messages?: unknown } | null)?.messages;
  if (!Array.isArray(messages)) return ['messages is not an array'];
  return checkMessages(messages as messagingApi.Message[]).map(describeViolation);
}

/** Fails (throws) unless `body` passes the spec (when available) and, for message requests, `checkMessages`. */
export function expectValidLineRequest(kind: LineRequestKind, body: unknown): void {
  const specErrors = validateAgainstSpec(kind, body).map((e) => `- spec: ${e}`);
  const limitErrors = limitProblems(kind, body).map((e) => `- limits: ${e}`);
  const problems = [...specErrors, ...limitErrors];
  if (problems.length > 0) {
    throw new Error(`Invalid LINE ${kind} request (${problems.length} problem(s)):\n${problems.join('\n')}`);
  }
}
