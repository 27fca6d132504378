import { expect } from 'chai';
import { createHash } from 'node:crypto';
import { canonicalLink, framedLink, linkFrame, linkHash } from '../../src/modules/incidents/application/chain-hash.js';
import { verifyChain, type StoredLink } from '../../src/modules/incidents/domain/log-chain.js';

const incidentId = '0b9c2f4e-7d1a-4c3b-9e8f-1a2b3c4d5e6f';
const authorId = '6f1d3c2b-8a7e-4f5d-9c0b-1e2d3f4a5b6c';

function chain(texts: string[]): StoredLink[] {
  const links: StoredLink[] = [];
  let prev: string | null = null;
  texts.forEach((text, i) => {
    const link = { incidentId, seq: i + 1, kind: 'entry' as const, id: `e${i + 1}`, authorId, at: new Date(Date.UTC(2026, 10, 24, 9, i)), content: { text }, prevHash: prev };
    const hash = linkHash(link);
    links.push({ ...link, hash });
    prev = hash;
  });
  return links;
}

describe('the log chain', () => {
  it('hashes RFC 8785 canonical JSON: keys sorted, no whitespace, a reader can recompute it', () => {
    const link = chain(['Rook in kelder'])[0]!;
    const canonical = canonicalLink(link);
    expect(canonical).to.equal(
      `{"at":"2026-11-24T09:00:00.000Z","authorId":"${authorId}","content":{"text":"Rook in kelder"},"id":"e1","incidentId":"${incidentId}","kind":"entry","prev":null,"seq":1,"v":1}`,
    );
    expect(link.hash).to.equal(createHash('sha256').update(canonical).digest('hex'));
  });

  it('holds when untouched and names the first link that was edited, removed or cut off', () => {
    const links = chain(['een', 'twee', 'drie']);
    const head = links[2]!.hash;
    expect(verifyChain(links, head, linkHash)).to.deep.include({ valid: true, links: 3, head: { seq: 3, hash: head } });

    const edited = links.map((l) => (l.seq === 2 ? { ...l, content: { text: 'TWEE' } } : l));
    expect(verifyChain(edited, head, linkHash)).to.deep.include({ valid: false, broken: { seq: 2, kind: 'entry', id: 'e2', reason: 'hash_mismatch' } });

    const removed = links.filter((l) => l.seq !== 2);
    expect(verifyChain(removed, head, linkHash)).to.deep.include({ valid: false, broken: { seq: 3, kind: 'entry', id: 'e3', reason: 'previous_mismatch' } });

    const cut = links.slice(0, 2);
    expect(verifyChain(cut, head, linkHash)).to.deep.include({ valid: false, broken: { seq: 2, kind: 'entry', id: 'e2', reason: 'head_mismatch' } });

    expect(verifyChain([], null, linkHash)).to.deep.include({ valid: true, links: 0, head: null });
  });

  it('frames a link so that its number and previous hash, filled in later (as PostgreSQL does), give exactly its canonical text', () => {
    const prev = createHash('sha256').update('before').digest('hex');
    const texts = ['Rook in kelder', 'quote " backslash \\ "prev":null,"seq":0,"v":1}', 'regel\neen ü 🚒'];
    for (const text of texts) {
      const link = { incidentId, kind: 'entry' as const, id: 'e7', authorId, at: new Date(Date.UTC(2026, 10, 24, 9)), content: { text, labels: ['a'], observedAt: '2026-11-24T08:59:00.000Z' } };
      const frame = linkFrame(link);
      for (const [seq, prevHash] of [[1, null], [12_345, prev]] as const) {
        expect(framedLink(frame, seq, prevHash)).to.equal(canonicalLink({ ...link, seq, prevHash }));
      }
    }
  });
});
