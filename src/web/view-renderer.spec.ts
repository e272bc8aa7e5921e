import Handlebars from 'handlebars';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppConfig } from '../config/app-config';
import { TEMPLATES_DIR } from '../paths';
import { PAGE_COMPILE_OPTIONS, ViewRenderer } from './view-renderer';

describe('ViewRenderer', () => {
  // Handlebars compiles a template when it is first rendered: a helper missing from knownHelpers
  // would only show on that page, so every template is compiled here.
  it.each(
    ['views', 'partials'].flatMap((folder) =>
      readdirSync(join(TEMPLATES_DIR, folder))
        .filter((name) => name.endsWith('.hbs'))
        .map((name) => `${folder}/${name}`),
    ),
  )('compiles %s with the known helpers only', (file) => {
    const source = readFileSync(join(TEMPLATES_DIR, file), 'utf8');
    expect(() => Handlebars.precompile(source, PAGE_COMPILE_OPTIONS)).not.toThrow();
  });

  it('calls the helpers a page names as fields, such as the secretariat contact', () => {
    const config = { secretariat: { email: 'kattegat@kl.dk', phone: '33 70 33 70' } } as AppConfig;
    const html = new ViewRenderer(config).render('portal-unknown-link', { title: 'Linket virker ikke' });
    expect(html).toContain(
      '<a href="mailto:kattegat@kl.dk">kattegat@kl.dk</a>, telefon <a href="tel:33703370">33 70 33 70</a>',
    );
  });
});
