import sharp from 'sharp';

/**
 * A JPEG as a phone writes it: EXIF with camera make and model, capture time, a GPS position
 * (Utrecht, 52.0907 N 5.1214 E) and Orientation 6 (the sensor's landscape pixels are to be
 * turned 90° clockwise). Made at run time so the tests need nothing outside the repository;
 * noise instead of a flat colour so the encoder does real work, as with a real photo.
 */
export async function phonePhoto(width: number, height: number): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: '#808080', noise: { type: 'gaussian', mean: 128, sigma: 40 } } })
    .withExif({
      IFD0: { Make: 'Fairphone', Model: 'FP5', DateTime: '2026:11:03 14:21:07' },
      IFD2: { DateTimeOriginal: '2026:11:03 14:21:07' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '52/1 5/1 2652/100', GPSLongitudeRef: 'E', GPSLongitude: '5/1 7/1 1704/100' },
    })
    .withMetadata({ orientation: 6 })
    .jpeg({ quality: 85 })
    .toBuffer();
}

/** The camera make written into every phone photo: a rendition that still holds it kept the EXIF. */
export const PHONE_CAMERA_MAKE = 'Fairphone';

let small: Buffer | undefined;

/** Makes the 1024×768 phone photo once per run (from the root hooks, as making it is async). */
export async function preparePhonePhotos(): Promise<void> {
  small ??= await phonePhoto(1024, 768);
}

/** The 1024×768 phone photo with GPS EXIF, for fast upload tests. */
export function smallPhonePhoto(): Buffer {
  if (!small) throw new Error('the phone photos are made by the root hooks (preparePhonePhotos)');
  return small;
}
