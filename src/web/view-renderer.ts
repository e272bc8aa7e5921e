import { Injectable } from '@nestjs/common';
import Handlebars from 'handlebars';
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { TEMPLATES_DIR } from '../paths';

/**
 * The server-rendered pages: every template under templates/views/ and templates/partials/,
 * compiled once in strict mode (a missing field is an error, not an empty string) with HTML
 * escaping for every value.
 */
@Injectable()
export class ViewRenderer {
  private readonly handlebars = Handlebars.create();
  private readonly views = new Map<string, Handlebars.TemplateDelegate>();

  constructor() {
    const options = { strict: true, noEscape: false };
    const partials = join(TEMPLATES_DIR, 'partials');
    for (const file of readdirSync(partials).filter((f) => f.endsWith('.hbs'))) {
      this.handlebars.registerPartial(
        basename(file, '.hbs'),
        this.handlebars.compile(readFileSync(join(partials, file), 'utf8'), options),
      );
    }
    const views = join(TEMPLATES_DIR, 'views');
    for (const file of readdirSync(views).filter((f) => f.endsWith('.hbs'))) {
      this.views.set(
        basename(file, '.hbs'),
        this.handlebars.compile(readFileSync(join(views, file), 'utf8'), options),
      );
    }
  }

  render(view: string, context: object): string {
    const template = this.views.get(view);
    if (!template) throw new Error(`No view templates/views/${view}.hbs`);
    return template(context);
  }
}
