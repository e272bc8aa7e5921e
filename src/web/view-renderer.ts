import { Inject, Injectable } from '@nestjs/common';
import Handlebars from 'handlebars';
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { TEMPLATES_DIR } from '../paths';

/**
 * How every page template is compiled. knownHelpersOnly: a `{{name}}` is then a field of the model,
 * not first looked for among the helpers (and called if one were found) — half the lookups of a
 * page with hundreds of fields, such as the personal page. A helper not named here is refused
 * when its template is compiled (view-renderer.spec compiles them all).
 */
export const PAGE_COMPILE_OPTIONS = {
  strict: true,
  noEscape: false,
  preventIndent: true,
  knownHelpersOnly: true,
  knownHelpers: { secretariatEmail: true, secretariatPhone: true, phoneHref: true },
};

/**
 * A text escaped now, as the template would escape it, which the template then prints as it is:
 * for a text a model shows many times, or to many members, escaped once.
 */
export function escapedOnce(text: string): Handlebars.SafeString {
  return new Handlebars.SafeString(Handlebars.escapeExpression(text));
}

/**
 * The server-rendered pages: every template under templates/views/ and templates/partials/,
 * compiled once in strict mode (a missing field is an error, not an empty string) with HTML
 * escaping for every value. The secretariat's contact is there for every page as `@root`-free
 * helpers (`secretariatEmail`, `secretariatPhone`), so a page need not carry it in its model.
 */
@Injectable()
export class ViewRenderer {
  private readonly handlebars = Handlebars.create();
  private readonly views = new Map<string, Handlebars.TemplateDelegate>();

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    // preventIndent: a partial on a line of its own is not indented line by line. That indenting
    // split and joined every page once more (the layout's block is the whole page; a third of the
    // personal page's rendering), and it put spaces into a multi-line value of a <textarea> or
    // <pre> inside a partial, such as a member's diet.
    const options = PAGE_COMPILE_OPTIONS;
    this.handlebars.registerHelper('secretariatEmail', () => config.secretariat.email ?? '');
    this.handlebars.registerHelper('secretariatPhone', () => config.secretariat.phone ?? '');
    this.handlebars.registerHelper('phoneHref', (phone: string) => `tel:${phone.replace(/\s/g, '')}`);
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
