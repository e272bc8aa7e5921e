// multer 2 ships no types; this is the part the import and material pages use (see src/console/import/upload.middleware.ts).
declare module 'multer' {
  import { RequestHandler } from 'express';

  interface MulterFile {
    fieldname: string;
    originalname: string;
    mimetype: string;
    size: number;
    buffer: Buffer;
  }

  interface Multer {
    array(field: string, maxCount?: number): RequestHandler;
    single(field: string): RequestHandler;
  }

  interface Options {
    storage?: unknown;
    limits?: { fileSize?: number; files?: number; fields?: number; parts?: number };
  }

  interface MulterStatic {
    (options?: Options): Multer;
    memoryStorage(): unknown;
  }

  const multer: MulterStatic;
  export = multer;
  export type { MulterFile };
}
