import QRCode from 'qrcode';

/** A QR code as an image the CSP allows (img-src data:), drawn as SVG so it stays sharp. */
export async function qrImage(text: string): Promise<string> {
  const svg = await QRCode.toString(text, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' });
  return `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
}
