/** The kinds of file a planner may upload, recognised by their first bytes. */
export type MaterialFileType = 'pdf' | 'ooxml' | 'ole2' | 'png' | 'jpeg';

const OOXML_PARTS: Record<string, string> = { pptx: 'ppt/', docx: 'word/', xlsx: 'xl/' };
const OLE2_EXTENSIONS = new Set(['ppt', 'doc', 'xls']);

const CONTENT_TYPES: Record<string, string> = {
  pdf: 'application/pdf',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  ppt: 'application/vnd.ms-powerpoint',
  doc: 'application/msword',
  xls: 'application/vnd.ms-excel',
  png: 'image/png',
  jpeg: 'image/jpeg',
};

export interface SniffedType {
  type: MaterialFileType;
  /** Derived from the bytes (and the extension for Office files), never from the client's header. */
  contentType: string;
}

function startsWith(bytes: Buffer, signature: number[]): boolean {
  return bytes.length >= signature.length && signature.every((b, i) => bytes[i] === b);
}

function extensionOf(fileName: string): string {
  const dot = fileName.lastIndexOf('.');
  return dot < 0 ? '' : fileName.slice(dot + 1).toLowerCase();
}

/**
 * The names in a zip's central directory. Reading the directory (found from the end-of-central-
 * directory record) rather than local headers means a file cannot smuggle names past the check.
 */
export function zipEntryNames(bytes: Buffer): string[] | null {
  const eocd = bytes.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd < 0 || eocd + 22 > bytes.length) return null;
  const count = bytes.readUInt16LE(eocd + 10);
  let offset = bytes.readUInt32LE(eocd + 16);
  const names: string[] = [];
  for (let i = 0; i < count; i++) {
    if (offset + 46 > bytes.length || bytes.readUInt32LE(offset) !== 0x02014b50) return null;
    const nameLength = bytes.readUInt16LE(offset + 28);
    const extraLength = bytes.readUInt16LE(offset + 30);
    const commentLength = bytes.readUInt16LE(offset + 32);
    if (offset + 46 + nameLength > bytes.length) return null;
    names.push(bytes.toString('utf8', offset + 46, offset + 46 + nameLength));
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return names;
}

/** The file's type from its content, or null when it is not one of the accepted kinds. */
export function sniffMaterialType(bytes: Buffer, fileName: string): SniffedType | null {
  const extension = extensionOf(fileName);
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d]))
    return { type: 'pdf', contentType: CONTENT_TYPES.pdf };
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
    return { type: 'png', contentType: CONTENT_TYPES.png };
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return { type: 'jpeg', contentType: CONTENT_TYPES.jpeg };
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) {
    return OLE2_EXTENSIONS.has(extension) ? { type: 'ole2', contentType: CONTENT_TYPES[extension] } : null;
  }
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) {
    const part = OOXML_PARTS[extension];
    const names = part ? zipEntryNames(bytes) : null;
    if (!names?.includes('[Content_Types].xml') || !names.some((n) => n.startsWith(part))) return null;
    return { type: 'ooxml', contentType: CONTENT_TYPES[extension] };
  }
  return null;
}
