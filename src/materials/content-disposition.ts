const DANISH: Record<string, string> = { æ: 'ae', ø: 'oe', å: 'aa', Æ: 'Ae', Ø: 'Oe', Å: 'Aa' };

/**
 * An attachment header that keeps æøå for browsers that read RFC 5987's `filename*` and gives the
 * rest a plain ASCII name (æ→ae etc.; anything else unsafe becomes `_`).
 */
export function attachmentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[æøåÆØÅ]/g, (c) => DANISH[c]).replace(/[^A-Za-z0-9._ -]/g, '_');
  const encoded = encodeURIComponent(fileName).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
