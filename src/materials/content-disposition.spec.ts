import { attachmentDisposition } from './content-disposition';

describe(attachmentDisposition.name, () => {
  it('keeps æøå in filename* and spells them out in the ASCII fallback', () => {
    expect(attachmentDisposition('Økonomi på tværs (Århus).pdf')).toBe(
      `attachment; filename="Oekonomi paa tvaers _Aarhus_.pdf"; filename*=UTF-8''%C3%98konomi%20p%C3%A5%20tv%C3%A6rs%20%28%C3%85rhus%29.pdf`,
    );
  });

  it('cannot be broken out of by quotes or line breaks in the name', () => {
    const header = attachmentDisposition('a"b\r\nX-Evil: 1.pdf');
    expect(header).not.toMatch(/[\r\n]/);
    expect(header).toContain('filename="a_b__X-Evil_ 1.pdf"');
  });
});
