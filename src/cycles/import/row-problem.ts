import { ImportRowCode, MessageParams } from '../../common/danish-messages';
import { FieldProblem } from '../../common/domain-error';

/** Why a row is rejected: the field, the API's English reason, and the code of its Danish text. */
export interface RowProblem extends FieldProblem {
  code: ImportRowCode;
  params?: MessageParams;
}

export function rowProblem(
  field: string,
  code: ImportRowCode,
  reason: string,
  params?: MessageParams,
): RowProblem {
  return params ? { field, reason, code, params } : { field, reason, code };
}

// Day, month, two-digit year and four more digits, with or without the hyphen (ddmmåå-xxxx).
const CPR_LIKE = /(?<!\d)(0[1-9]|[12]\d|3[01])(0[1-9]|1[0-2])\d{2}[-\s]?\d{4}(?!\d)/;

/** A CPR number in a cell is personal data the programme must not keep; the row is refused instead. */
export function looksLikeCpr(value: string): boolean {
  return CPR_LIKE.test(value);
}
