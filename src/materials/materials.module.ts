import { Module } from '@nestjs/common';
import { MulterModule } from '@nestjs/platform-express';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { InvitationsModule } from '../invitations/invitations.module';
import { PersonalLinksModule } from '../invitations/personal-links';
import { MessagingModule } from '../messaging/messaging.module';
import { CycleMaterialsController, SeminarMaterialsController } from './materials.controller';
import { MaterialsAnnouncer } from './materials-announcer';
import { MaterialsService } from './materials.service';

@Module({
  imports: [
    InvitationsModule,
    MessagingModule,
    PersonalLinksModule,
    // Files are kept in memory (they go into the database) and refused with 413 past the limit.
    // Browsers send the file name as raw UTF-8; busboy's default would read "Ø" as "Ã".
    MulterModule.registerAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        limits: { fileSize: config.materialMaxBytes, files: 1 },
        defParamCharset: 'utf8',
      }),
    }),
  ],
  controllers: [SeminarMaterialsController, CycleMaterialsController],
  providers: [MaterialsService, MaterialsAnnouncer],
  exports: [MaterialsService, MaterialsAnnouncer],
})
export class MaterialsModule {}
