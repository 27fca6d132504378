import { readFileSync } from 'node:fs';
import { expect } from 'chai';

type Catalogue = { [key: string]: string | Catalogue };

function keysOf(catalogue: Catalogue, prefix = ''): string[] {
  return Object.entries(catalogue).flatMap(([key, value]) => (typeof value === 'string' ? [`${prefix}${key}`] : keysOf(value, `${prefix}${key}.`)));
}

function load(language: string): Catalogue {
  return JSON.parse(readFileSync(new URL(`../../web/src/i18n/${language}/translation.json`, import.meta.url), 'utf8')) as Catalogue;
}

describe('console message catalogues', () => {
  it('have the same keys in Dutch and English, none empty', () => {
    const nl = load('nl');
    const en = load('en');
    expect(keysOf(nl).sort()).to.deep.equal(keysOf(en).sort());
    for (const [language, catalogue] of [['nl', nl], ['en', en]] as const) {
      const empty = keysOf(catalogue).filter((key) => key.split('.').reduce<Catalogue | string>((node, part) => (node as Catalogue)[part]!, catalogue) === '');
      expect(empty, language).to.deep.equal([]);
    }
  });
});
