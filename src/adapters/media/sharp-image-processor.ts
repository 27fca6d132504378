import sharp from 'sharp';
import { ImageRejected, type ImageProcessor, type ImageRenditions } from '../../platform/media/ports.js';

/** 50 megapixels: more than any phone camera, far less than a decompression bomb. */
const MAX_PIXELS = 50_000_000;

/**
 * sharp drops all metadata unless asked to keep it; `rotate()` first applies the EXIF
 * orientation, so renditions come out upright and without EXIF, GPS included.
 */
export class SharpImageProcessor implements ImageProcessor {
  async renditions(inputPath: string, mimeType: string): Promise<ImageRenditions> {
    const input = () => sharp(inputPath, { limitInputPixels: MAX_PIXELS, failOn: 'error' }).rotate();
    try {
      const original =
        mimeType === 'image/png'
          ? await input().png().toBuffer({ resolveWithObject: true })
          : mimeType === 'image/webp'
            ? await input().webp({ quality: 90 }).toBuffer({ resolveWithObject: true })
            : await input().jpeg({ quality: 90, mozjpeg: true }).toBuffer({ resolveWithObject: true });
      const thumb = await input().resize({ width: 320, height: 320, fit: 'inside', withoutEnlargement: true }).webp({ quality: 80 }).toBuffer({ resolveWithObject: true });
      const display = await input().resize({ width: 1600, height: 1600, fit: 'inside', withoutEnlargement: true }).webp({ quality: 85 }).toBuffer({ resolveWithObject: true });
      return {
        original: { data: original.data, mimeType: mimeType === 'image/png' || mimeType === 'image/webp' ? mimeType : 'image/jpeg', width: original.info.width, height: original.info.height },
        thumb: { data: thumb.data, mimeType: 'image/webp', width: thumb.info.width, height: thumb.info.height },
        display: { data: display.data, mimeType: 'image/webp', width: display.info.width, height: display.info.height },
      };
    } catch (error) {
      throw new ImageRejected(error instanceof Error ? error.message : 'the image cannot be read', { cause: error });
    }
  }
}
