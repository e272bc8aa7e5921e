import { createHmac, timingSafeEqual } from 'node:crypto';

/** Where the code's QR image is served; the code itself is the address, so no token is needed. */
export const checkInImagePath = (code: string) => `/indtjekning/${code}.png`;

/** The seat a check-in code stands for. */
export interface CheckInSeat {
  seminarId: number;
  registrationId: number;
}

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const MAC_LENGTH = 10;
const FORM = new RegExp(`^(\\d{1,9})-(\\d{1,12})-([${BASE32}]{${MAC_LENGTH}})$`);

/** A key of its own for check-in codes, so a code's MAC can never pass for a form's or a session's. */
function codeKey(secret: string): Buffer {
  return createHmac('sha256', secret).update('kattegat:check-in-code').digest();
}

function macOf(secret: string, seat: CheckInSeat): string {
  const digest = createHmac('sha256', codeKey(secret))
    .update(`check-in:${seat.registrationId}:${seat.seminarId}`)
    .digest();
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of digest) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5 && out.length < MAC_LENGTH) {
      out += BASE32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
    if (out.length === MAC_LENGTH) break;
  }
  return out;
}

/**
 * The seat's code for the door, `<seminar>-<seat>-<MAC>`: short enough to type, signed with the
 * app's secret for the purpose "check-in" only. It holds no personal-link token and opens nothing.
 */
export function checkInCode(secret: string, seat: CheckInSeat): string {
  return `${seat.seminarId}-${seat.registrationId}-${macOf(secret, seat)}`;
}

/** The seat a typed or scanned code stands for, or null when it is not a code this app signed. */
export function readCheckInCode(secret: string, text: string): CheckInSeat | null {
  const match = FORM.exec(text.replace(/\s+/g, '').toUpperCase());
  if (!match) return null;
  const seat = { seminarId: Number(match[1]), registrationId: Number(match[2]) };
  const expected = Buffer.from(macOf(secret, seat));
  const given = Buffer.from(match[3]);
  return timingSafeEqual(expected, given) ? seat : null;
}
