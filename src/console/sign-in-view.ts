import { Refusal } from '../web/refusal';

/**
 * What the sign-in pages show of a refused form: the summary at the top, each field's text beside
 * it. A refusal that names no field (a wrong password) is shown beside `fallbackField`.
 */
export function problemOf(refusal: Refusal | null, fields: string[], fallbackField: string) {
  const errors = Object.fromEntries(fields.map((f) => [f, refusal?.field(f) ?? null]));
  if (refusal && refusal.errors.length === 0) errors[fallbackField] = refusal.summary;
  const problem = refusal
    ? {
        summary: refusal.summary,
        fields: fields
          .filter((f) => errors[f])
          .map((f) => ({
            field: f,
            label: refusal.errors.find((e) => e.field === f)?.label ?? labelOf(f),
            text: errors[f],
          })),
      }
    : null;
  return { problem, errors };
}

const LABELS: Record<string, string> = { email: 'E-mail', password: 'Adgangskode', code: 'Kode' };
const labelOf = (field: string) => LABELS[field] ?? field;
