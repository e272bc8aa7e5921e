import { Inject, Injectable, NestMiddleware } from '@nestjs/common';
import { NextFunction, RequestHandler, Response } from 'express';
import multer, { MulterFile } from 'multer';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { PageRequest } from '../../web/page-request';
import { uploadProblemOf, UploadRequest } from '../import/upload.middleware';

export interface MaterialUploadRequest extends PageRequest {
  file?: MulterFile;
  uploadProblem?: UploadRequest['uploadProblem'];
}

/**
 * Reads a material form's one file (`fil`) before the guards run, as the session guard checks the
 * CSRF fields in the body; the limit is MATERIAL_MAX_BYTES, as in the API. A problem is left for the page.
 */
@Injectable()
export class MaterialUploadMiddleware implements NestMiddleware {
  private readonly upload: RequestHandler;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.upload = multer({
      storage: multer.memoryStorage(),
      limits: { fileSize: config.materialMaxBytes, files: 1, fields: 20 },
    }).single('fil');
  }

  use(req: MaterialUploadRequest, res: Response, next: NextFunction): void {
    this.upload(req, res, (error?: unknown) => {
      if (error) req.uploadProblem = uploadProblemOf(error);
      next();
    });
  }
}
