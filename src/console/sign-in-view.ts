import { Refusal } from '../web/refusal';

const LABELS: Record<string, string> = { email: 'E-mail', password: 'Adgangskode', code: 'Kode' };

/**
 * A refused sign-in form as the console's partials show it: the error summary (`problems`) and
 * each field's value and problem (`fields`). A refusal that names no field (a wrong password) is
 * shown beside `fallbackField`; a password is never typed back.
 */
export function signInFormView(refusal: Refusal | null, names: string[], fallbackField: string) {
  const errors = refusal
    ? refusal.errors.length > 0
      ? refusal.errors.filter((e, i, all) => all.findIndex((o) => o.field === e.field) === i)
      : [{ field: fallbackField, label: LABELS[fallbackField] ?? fallbackField, text: refusal.summary }]
    : [];
  const fields = Object.fromEntries(
    names.map((name) => [
      name,
      {
        value: name === 'password' ? '' : (refusal?.typed(name) ?? '').trim(),
        error: errors.find((e) => e.field === name)?.text ?? null,
      },
    ]),
  );
  return { problems: refusal ? { summary: refusal.summary, errors } : null, fields };
}
