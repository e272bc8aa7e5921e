import { FieldError, Refusal } from '../../web/refusal';

/** A form field as console-field shows it: the value typed (or stored) and its problem. */
export interface FieldView {
  value: string;
  error: string | null;
}

/** The error summary's model: one line per field, in the order the fields were checked. */
export function problemsOf(refusal: Refusal | null): { summary: string; errors: FieldError[] } | null {
  if (!refusal) return null;
  const seen = new Set<string>();
  const errors = refusal.errors.filter((e) => !seen.has(e.field) && seen.add(e.field));
  return { summary: refusal.summary, errors };
}

/** Each field's value (what was typed, after a refusal; else what is stored) and its problem. */
export function fieldsOf<K extends string>(
  names: readonly K[],
  refusal: Refusal | null,
  stored: Partial<Record<K, string | null>>,
): Record<K, FieldView> {
  return Object.fromEntries(
    names.map((name) => [
      name,
      { value: refusal?.typed(name) ?? stored[name] ?? '', error: refusal?.field(name) ?? null },
    ]),
  ) as Record<K, FieldView>;
}
