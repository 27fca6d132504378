import { fileTypeFromBuffer } from 'file-type';
import type { FileTypeDetector } from '../../platform/media/ports.js';

export class FileTypeFromBytes implements FileTypeDetector {
  async detect(head: Buffer): Promise<{ mimeType: string; extension: string } | null> {
    const type = await fileTypeFromBuffer(head);
    return type ? { mimeType: type.mime, extension: type.ext } : null;
  }
}
