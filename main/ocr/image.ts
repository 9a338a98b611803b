import type { OcrImage } from './recognize';
import type { GrayImage } from './rulings';

interface DecodedImage {
  width: number;
  height: number;
}
interface Canvas2d {
  drawImage(img: DecodedImage, x: number, y: number): void;
  getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray };
}

/** A recogniser input as a grey bitmap: PNG (or JPEG) bytes are decoded with @napi-rs/canvas. */
export async function toGray(image: OcrImage): Promise<GrayImage> {
  if (!(image instanceof Uint8Array)) return image;
  const mod = (await import('@napi-rs/canvas' as string)) as {
    loadImage(src: Buffer): Promise<DecodedImage>;
    createCanvas(w: number, h: number): { getContext(t: '2d'): Canvas2d };
  };
  const img = await mod.loadImage(Buffer.from(image));
  const ctx = mod.createCanvas(img.width, img.height).getContext('2d');
  ctx.drawImage(img, 0, 0);
  const rgba = ctx.getImageData(0, 0, img.width, img.height).data;
  const data = new Uint8Array(img.width * img.height);
  for (let i = 0, j = 0; j < data.length; i += 4, j++)
    data[j] = rgba[i + 3]! < 128 ? 255 : (rgba[i]! * 77 + rgba[i + 1]! * 150 + rgba[i + 2]! * 29) >> 8;
  return { data, width: img.width, height: img.height };
}
