import { expect } from 'chai';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { MEDIA_POLICY } from '../../src/modules/content/domain/media.js';
import { loadSpec } from '../../src/platform/http/contract.js';

/** JSON pointer escaping of one path segment (RFC 6901). */
const escape = (segment: string): string => segment.replace(/~/g, '~0').replace(/\//g, '~1');

interface Example {
  where: string;
  value: unknown;
  /** Pointer, inside the spec, of the schema the example has to satisfy. */
  schema: string;
}

/**
 * Every example of the contract with the schema it illustrates: media types', parameters' and
 * headers' `example`/`examples` (following $refs into components/examples), and schemas' own
 * `example` and `examples`. A consumer copies these; one that the API would refuse misleads.
 */
function examplesOf(spec: Record<string, unknown>): Example[] {
  const found: Example[] = [];
  const resolve = (node: unknown): unknown => {
    let current = node as Record<string, unknown> | undefined;
    while (current && typeof current.$ref === 'string' && current.$ref.startsWith('#/')) {
      current = current.$ref
        .slice(2)
        .split('/')
        .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
        .reduce<unknown>((at, key) => (at as Record<string, unknown>)[key], spec) as Record<string, unknown>;
    }
    return current;
  };
  /** `names` marks a map from names to schemas (properties, components/schemas), not a schema. */
  const walk = (node: unknown, pointer: string, inSchema: boolean, names = false): void => {
    if (Array.isArray(node)) {
      node.forEach((child, i) => walk(child, `${pointer}/${i}`, inSchema));
      return;
    }
    if (!node || typeof node !== 'object') return;
    const object = node as Record<string, unknown>;
    if (names) {
      for (const [key, child] of Object.entries(object)) walk(child, `${pointer}/${escape(key)}`, true);
      return;
    }
    if (!inSchema && 'schema' in object) {
      const schema = `${pointer}/schema`;
      if ('example' in object) found.push({ where: `${pointer}/example`, value: object.example, schema });
      if (object.examples && typeof object.examples === 'object') {
        for (const [name, example] of Object.entries(object.examples as Record<string, unknown>)) {
          const value = (resolve(example) as { value?: unknown } | undefined)?.value;
          found.push({ where: `${pointer}/examples/${escape(name)}`, value, schema });
        }
      }
    }
    if (inSchema && 'example' in object) found.push({ where: `${pointer}/example`, value: object.example, schema: pointer });
    if (inSchema && Array.isArray(object.examples)) {
      object.examples.forEach((value, i) => found.push({ where: `${pointer}/examples/${i}`, value, schema: pointer }));
    }
    for (const [key, child] of Object.entries(object)) {
      const at = `${pointer}/${escape(key)}`;
      if (['example', 'examples', 'enum', 'const', 'default'].includes(key)) continue;
      if (inSchema) walk(child, at, true, key === 'properties' || key === 'patternProperties' || key === '$defs');
      else if (key === 'schema') walk(child, at, true);
      // components/examples are checked where they are used, against the schema of that place.
      else if (pointer === '#/components' && key === 'schemas') walk(child, at, true, true);
      else walk(child, at, false);
    }
  };
  walk(spec, '#', false);
  return found;
}

describe('the OpenAPI contract’s examples', () => {
  const spec = loadSpec() as unknown as Record<string, unknown>;
  // OpenAPI 3.1 schemas are JSON Schema 2020-12; the vocabulary adds a few annotation keywords.
  const ajv = new Ajv2020({ strict: false, allErrors: true, validateSchema: false });
  addFormats.default(ajv);
  ajv.addVocabulary(['discriminator', 'xml', 'externalDocs', 'example']);
  ajv.addSchema(spec, 'spec');
  const examples = examplesOf(spec);

  it('finds the examples', () => {
    // Every operation has at least one; a walker that finds few has lost its way.
    expect(examples.length).to.be.greaterThan(100);
  });

  it('are all valid against their schemas', () => {
    const invalid: string[] = [];
    for (const example of examples) {
      const validate = ajv.getSchema(`spec${example.schema}`);
      if (!validate) throw new Error(`no schema at ${example.schema}`);
      if (!validate(example.value)) {
        invalid.push(`${example.where}: ${ajv.errorsText(validate.errors)}`);
      }
    }
    expect(invalid).to.deep.equal([]);
  });
});

describe('the OpenAPI contract’s downloads', () => {
  it('declares every content type GET /files/{mediaId}/{rendition} can send', () => {
    const spec = loadSpec() as unknown as { paths: Record<string, { get: { responses: Record<string, { content: Record<string, unknown> }> } }> };
    const declared = Object.keys(spec.paths['/files/{mediaId}/{rendition}']!.get.responses['200']!.content);
    // What can be stored is what the media policy accepts; image renditions are WebP.
    for (const type of [...Object.keys(MEDIA_POLICY), 'image/webp']) expect(declared, type).to.include(type);
  });
});
