/** WCAG 2.x relative luminance and contrast ratio, for the branding colours. */
function channel(value: number): number {
  const c = value / 255;
  return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
}

export function luminance(hex: string): number {
  const n = Number.parseInt(hex.slice(1), 16);
  return 0.2126 * channel((n >> 16) & 255) + 0.7152 * channel((n >> 8) & 255) + 0.0722 * channel(n & 255);
}

export function contrastRatio(a: string, b: string): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

export const HEX = /^#[0-9a-fA-F]{6}$/;

/** The text colour (white or near-black) that reads best on a background, with its ratio. */
export function bestTextOn(background: string): { text: string; ratio: number } {
  const white = contrastRatio(background, '#ffffff');
  const black = contrastRatio(background, '#1a1b1e');
  return white >= black ? { text: '#ffffff', ratio: white } : { text: '#1a1b1e', ratio: black };
}

/** AA: 4.5:1 for normal text, 3:1 for large text (18 pt, or 14 pt bold). */
export const AA_NORMAL = 4.5;
export const AA_LARGE = 3;

/**
 * The colour darkened, hue kept, until text in it reads on white at `ratio`: a tenant's light
 * brand colour (a pale yellow) would otherwise make every link and outlined button unreadable.
 */
export function readableOnWhite(hex: string, ratio = AA_NORMAL): string {
  if (!HEX.test(hex) || contrastRatio(hex, '#ffffff') >= ratio) return hex;
  const n = Number.parseInt(hex.slice(1), 16);
  const rgb = [(n >> 16) & 255, (n >> 8) & 255, n & 255];
  for (let factor = 0.95; factor > 0; factor -= 0.05) {
    const darker = `#${rgb.map((c) => Math.round(c * factor).toString(16).padStart(2, '0')).join('')}`;
    if (contrastRatio(darker, '#ffffff') >= ratio) return darker;
  }
  return '#1a1b1e';
}
