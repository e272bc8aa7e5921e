import QRCode from 'qrcode';

const OPTIONS = { margin: 1, errorCorrectionLevel: 'M' } as const;

/** A QR code as an image the CSP allows (img-src data:), drawn as SVG so it stays sharp. */
export async function qrImage(text: string): Promise<string> {
  const svg = await QRCode.toString(text, { ...OPTIONS, type: 'svg' });
  return `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
}

/** A QR code as a PNG file, for mail programs that show neither SVG nor data: images. */
export function qrPng(text: string): Promise<Buffer> {
  return QRCode.toBuffer(text, { ...OPTIONS, type: 'png', scale: 8 });
}
