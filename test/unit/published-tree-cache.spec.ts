import { expect } from 'chai';
import { PublishedTreeCache, type PublishedTree } from '../../src/modules/content/adapters/published-tree-cache.js';

const tree = (mark: string): PublishedTree => ({ mark, byId: new Map(), everyone: [] });

describe('the published tree cache', () => {
  it('answers only for the exact change mark it was read at', () => {
    const cache = new PublishedTreeCache(10);
    const first = tree('3#7');
    cache.set('t1', first);
    expect(cache.get('t1', '3#7')).to.equal(first);
    expect(cache.get('t1', '3#8')).to.equal(null);
    expect(cache.get('t2', '3#7')).to.equal(null);
    cache.set('t1', tree('3#8'));
    expect(cache.get('t1', '3#7')).to.equal(null);
  });

  it('forgets the least recently used tenant beyond its size, and keeps nothing at size 0', () => {
    const cache = new PublishedTreeCache(2);
    cache.set('a', tree('1'));
    cache.set('b', tree('1'));
    expect(cache.get('a', '1')).not.to.equal(null);
    cache.set('c', tree('1'));
    expect(cache.get('b', '1')).to.equal(null);
    expect(cache.get('a', '1')).not.to.equal(null);
    expect(cache.get('c', '1')).not.to.equal(null);
    const none = new PublishedTreeCache(0);
    none.set('a', tree('1'));
    expect(none.get('a', '1')).to.equal(null);
  });
});
