import { Module } from '@nestjs/common';
import { LinkPages } from './link-pages';
import { ViewRenderer } from './view-renderer';

/** Server-rendered pages behind personal links, shared by the portal and the evaluation survey. */
@Module({ providers: [ViewRenderer, LinkPages], exports: [ViewRenderer, LinkPages] })
export class PagesModule {}
