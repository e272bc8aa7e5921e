import Handlebars from 'handlebars';

/** One option of a filter's select. */
export interface Choice<T> {
  value: T;
  label: string;
}

/**
 * A long filter select's <option>s, "Alle" first, exactly as templates/partials/console-options.hbs
 * renders them, escaped once per list instead of once per page: through the partial the 98
 * municipalities cost a page an `each`, an `if` and two escapes an option — more than the rest of
 * Deltagelse's template. A page prints `markup(chosen)` where it would call the partial.
 */
export class PreparedOptions<T> {
  private readonly values: readonly T[];
  private readonly plain: readonly string[];
  private readonly chosen: readonly string[];
  private readonly unchosen: Handlebars.SafeString;

  constructor(choices: ReadonlyArray<Choice<T>>) {
    this.values = choices.map((c) => c.value);
    this.plain = choices.map((c) => optionTag(c, false));
    this.chosen = choices.map((c) => optionTag(c, true));
    this.unchosen = wrapped(this.plain);
  }

  markup(chosen: T | undefined): Handlebars.SafeString {
    const at = chosen === undefined ? -1 : this.values.indexOf(chosen);
    if (at < 0) return this.unchosen;
    return wrapped(this.plain.map((tag, i) => (i === at ? this.chosen[i] : tag)));
  }
}

function optionTag<T>({ value, label }: Choice<T>, selected: boolean): string {
  const escape = Handlebars.escapeExpression;
  return `<option value="${escape(String(value))}"${selected ? ' selected' : ''}>${escape(label)}</option>`;
}

function wrapped(tags: readonly string[]): Handlebars.SafeString {
  return new Handlebars.SafeString(`<option value="">Alle</option>\n${tags.join('')}\n`);
}
