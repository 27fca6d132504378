import { expect } from 'chai';
import { contrastRatio, readableOnWhite } from '../../web/src/lib/contrast.js';

describe('console: a tenant colour used for text on white', () => {
  it('darkens a light colour, keeping its hue, until it reads at 4.5:1', () => {
    const yellow = '#f7e463';
    expect(contrastRatio(yellow, '#ffffff')).to.be.below(2);
    const readable = readableOnWhite(yellow);
    expect(contrastRatio(readable, '#ffffff')).to.be.at.least(4.5);
    // Same hue: the channels keep their proportions (red ≥ green ≫ blue).
    const [r, g, b] = [1, 3, 5].map((i) => Number.parseInt(readable.slice(i, i + 2), 16)) as [number, number, number];
    expect(r).to.be.at.least(g);
    expect(g).to.be.greaterThan(b * 2);
  });

  it('leaves a colour that already reads as it is, and what is no colour', () => {
    expect(readableOnWhite('#1c4f9c')).to.equal('#1c4f9c');
    expect(readableOnWhite('yellow')).to.equal('yellow');
  });
});
