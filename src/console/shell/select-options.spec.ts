import Handlebars from 'handlebars';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TEMPLATES_DIR } from '../../paths';
import { PAGE_COMPILE_OPTIONS } from '../../web/view-renderer';
import { Choice, PreparedOptions } from './select-options';

describe(PreparedOptions.name, () => {
  const partial = Handlebars.compile(
    readFileSync(join(TEMPLATES_DIR, 'partials', 'console-options.hbs'), 'utf8'),
    PAGE_COMPILE_OPTIONS,
  );
  const choices: Choice<number>[] = [
    { value: 101, label: 'København' },
    { value: 147, label: 'Frederiksberg' },
    { value: 999, label: 'Ærø & "Strynø" <øerne>' },
  ];
  const viaPartial = (chosen: number | undefined) =>
    partial({ options: choices.map((c) => ({ ...c, selected: c.value === chosen })) });
  const sut = new PreparedOptions(choices);

  it.each([undefined, 101, 147, 999, 404])(
    'prints what console-options prints when %p is chosen',
    (chosen) => {
      expect(sut.markup(chosen).toString()).toBe(viaPartial(chosen));
    },
  );

  it('marks only the chosen option selected, and none for an unknown value', () => {
    expect(sut.markup(147).toString()).toContain('<option value="147" selected>Frederiksberg</option>');
    expect(
      sut
        .markup(147)
        .toString()
        .match(/ selected/g),
    ).toHaveLength(1);
    expect(sut.markup(404).toString()).not.toContain(' selected');
  });

  it('escapes the labels as the page would', () => {
    expect(sut.markup(undefined).toString()).toContain('&amp; &quot;Strynø&quot; &lt;øerne&gt;');
  });
});
