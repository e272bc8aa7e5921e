import { Response } from 'express';
import { attachmentDisposition } from './content-disposition';
import { Material } from './material.entity';

/** Streams a file material as an attachment, or sends the browser on to a link material. */
export function sendMaterial(res: Response, material: Material): void {
  res.setHeader('Cache-Control', 'no-store');
  if (material.kind === 'link') {
    res.redirect(303, material.url!);
    return;
  }
  res.setHeader('Content-Type', material.contentType!);
  res.setHeader('Content-Disposition', attachmentDisposition(material.fileName!));
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Content-Length', String(material.content!.length));
  res.end(material.content);
}
