/** One recipient of an RFC 3464 delivery status notification. */
export interface RecipientStatus {
  /** `Final-Recipient` without its address type, e.g. `anna@example.dk`. */
  recipient: string | null;
  /** `failed`, `delayed`, `delivered`, `relayed` or `expanded`. */
  action: string;
  /** The enhanced status code, e.g. `5.1.1`. */
  status: string;
  /** The remote server's own words, e.g. `smtp; 550 5.1.1 <anna@example.dk>: user unknown`. */
  diagnostic: string | null;
}

interface Part {
  headers: Map<string, string>;
  body: string;
}

/**
 * The per-recipient fields of a delivery status notification (a `message/delivery-status` part,
 * at any depth of the multipart/report), or null when the mail is no such notification (an
 * out-of-office answer, spam, a bounce in free text).
 */
export function parseDeliveryStatus(raw: string): RecipientStatus[] | null {
  const part = findStatusPart(parsePart(raw), 0);
  if (!part) return null;
  const blocks = decode(part)
    .replace(/\r\n/g, '\n')
    .split(/\n[ \t]*\n/)
    .map((block) => parseHeaders(block))
    .filter((fields) => fields.size > 0);
  // The first block is about the message (Reporting-MTA, Arrival-Date); the others, one recipient each.
  const recipients = blocks.slice(1).flatMap((fields) => {
    const action = fields.get('action')?.toLowerCase();
    const status = /\d\.\d{1,3}\.\d{1,3}/.exec(fields.get('status') ?? '')?.[0];
    if (!action || !status) return [];
    const final = fields.get('final-recipient') ?? fields.get('original-recipient');
    return [
      {
        recipient: final ? final.replace(/^[^;]*;\s*/, '').trim() : null,
        action,
        status,
        diagnostic: fields.get('diagnostic-code')?.slice(0, 900) ?? null,
      },
    ];
  });
  return recipients.length > 0 ? recipients : null;
}

function parsePart(text: string): Part {
  const split = /\r?\n\r?\n/.exec(text);
  const head = split ? text.slice(0, split.index) : text;
  const body = split ? text.slice(split.index + split[0].length) : '';
  return { headers: parseHeaders(head), body };
}

/** Header lines, unfolded, names in lower case; the first of a repeated name wins. */
function parseHeaders(block: string): Map<string, string> {
  const headers = new Map<string, string>();
  for (const line of block.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    if (!headers.has(name)) headers.set(name, line.slice(colon + 1).trim());
  }
  return headers;
}

function findStatusPart(part: Part, depth: number): Part | null {
  const type = (part.headers.get('content-type') ?? 'text/plain').toLowerCase();
  if (/^message\/(global-)?delivery-status/.test(type)) return part;
  if (!type.startsWith('multipart/') || depth > 5) return null;
  const boundary = /boundary="?([^";]+)"?/i.exec(part.headers.get('content-type') ?? '')?.[1];
  if (!boundary) return null;
  const delimiter = `--${boundary}`;
  const pieces = part.body.split(delimiter).slice(1);
  for (const piece of pieces) {
    if (piece.startsWith('--')) break;
    const found = findStatusPart(parsePart(piece.replace(/^[ \t]*\r?\n/, '')), depth + 1);
    if (found) return found;
  }
  return null;
}

function decode(part: Part): string {
  const encoding = part.headers.get('content-transfer-encoding')?.toLowerCase();
  if (encoding === 'base64') return Buffer.from(part.body.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (encoding === 'quoted-printable') {
    return part.body
      .replace(/=\r?\n/g, '')
      .replace(/=([0-9A-F]{2})/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  }
  return part.body;
}
