import { Injectable, NestMiddleware } from '@nestjs/common';
import { NextFunction, Response } from 'express';
import multer, { MulterFile } from 'multer';
import { PageRequest } from '../../web/page-request';

export const MAX_FILE_BYTES = 10 * 1024 * 1024;
/** One file per municipality and then some. */
export const MAX_FILES = 100;

export interface UploadRequest extends PageRequest {
  files?: MulterFile[];
  /** Why the upload stopped: a file too large, too many files, or a form multer cannot read. */
  uploadProblem?: 'too_large' | 'too_many' | 'unreadable';
}

const upload = multer({
  storage: multer.memoryStorage(),
  limits: { fileSize: MAX_FILE_BYTES, files: MAX_FILES, fields: 20 },
}).array('filer', MAX_FILES);

/**
 * Reads the import form's files before the guards run, as the session guard checks the form's CSRF
 * fields in the body (an interceptor would read them only after). A problem is left for the page.
 */
@Injectable()
export class ImportUploadMiddleware implements NestMiddleware {
  use(req: UploadRequest, res: Response, next: NextFunction): void {
    upload(req, res, (error?: unknown) => {
      if (error) req.uploadProblem = uploadProblemOf(error);
      next();
    });
  }
}

/** What stopped multer, in the words the pages use. */
export function uploadProblemOf(error: unknown): NonNullable<UploadRequest['uploadProblem']> {
  const code = (error as { code?: string }).code;
  return code === 'LIMIT_FILE_SIZE' ? 'too_large' : code === 'LIMIT_FILE_COUNT' ? 'too_many' : 'unreadable';
}

/** Browsers send UTF-8 file names; multer reads the header as latin1 (ærø.csv arrives as Ã¦rÃ¸.csv). */
export function fileNameOf(file: MulterFile): string {
  const utf8 = Buffer.from(file.originalname, 'latin1').toString('utf8');
  return utf8.includes('\uFFFD') ? file.originalname : utf8;
}
