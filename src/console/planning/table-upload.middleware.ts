import { Injectable, NestMiddleware } from '@nestjs/common';
import { NextFunction, Response } from 'express';
import multer, { MulterFile } from 'multer';
import { MAX_FILE_BYTES } from '../import/upload.middleware';
import { PageRequest } from '../../web/page-request';

export interface TableUploadRequest extends PageRequest {
  files?: MulterFile[];
  /** The file could not be taken: too large, or a form multer cannot read. */
  uploadProblem?: 'too_large' | 'unreadable';
}

const upload = multer({
  storage: multer.memoryStorage(),
  limits: { fileSize: MAX_FILE_BYTES, files: 1, fields: 10 },
}).array('fil', 1);

/** Reads the seminar table's uploaded file (if any) before the guards check the form's CSRF fields. */
@Injectable()
export class TableUploadMiddleware implements NestMiddleware {
  use(req: TableUploadRequest, res: Response, next: NextFunction): void {
    upload(req, res, (error?: unknown) => {
      if (error)
        req.uploadProblem =
          (error as { code?: string }).code === 'LIMIT_FILE_SIZE' ? 'too_large' : 'unreadable';
      next();
    });
  }
}
