import { listHref, pager, registerQuery, sortLink } from './member-list-view';

const base = '/valgperioder/1/medlemmer';

describe(listHref.name, () => {
  it('keeps the filters in the address, leaves out empty ones and page 1, and encodes æøå', () => {
    expect(listHref(base, { q: 'Søren Ærø', kommune: 461, liste: undefined }, { side: 1 })).toBe(
      `${base}?q=S%C3%B8ren+%C3%86r%C3%B8&kommune=461`,
    );
    expect(listHref(base, {})).toBe(base);
  });
});

describe(sortLink.name, () => {
  it('sorts a new column ascending, and turns the order round on the active one', () => {
    expect(sortLink(base, {}, 'kommune')).toEqual({ href: `${base}?sortering=kommune`, ariaSort: 'none' });
    expect(sortLink(base, {}, 'navn')).toEqual({
      href: `${base}?sortering=navn&retning=ned`,
      ariaSort: 'ascending',
    });
    expect(sortLink(base, { sortering: 'navn', retning: 'ned', side: 3 }, 'navn')).toEqual({
      href: `${base}?sortering=navn`,
      ariaSort: 'descending',
    });
  });
});

describe(pager.name, () => {
  const numbers = (p: ReturnType<typeof pager>) => p.pages.map((i) => (i.gap ? '…' : String(i.number)));

  it('shows no pager for one page', () => {
    expect(pager(base, {}, 50).pages).toEqual([]);
  });

  it('shows the first, the last and two around the current page of 2,500 members', () => {
    const p = pager(base, { side: 25 }, 2500);
    expect(numbers(p)).toEqual(['1', '…', '23', '24', '25', '26', '27', '…', '50']);
    expect(p.previous).toBe(`${base}?side=24`);
    expect(p.next).toBe(`${base}?side=26`);
  });

  it('keeps a page past the end on the last page', () => {
    const p = pager(base, { side: 9 }, 120);
    expect(p.current).toBe(3);
    expect(p.next).toBeNull();
  });
});

describe(registerQuery.name, () => {
  it('reads the Danish parameters', () => {
    expect(registerQuery({ nyvalgt: 'nej', retning: 'ned', kommune: 101 })).toMatchObject({
      newlyElected: false,
      descending: true,
      municipality: 101,
    });
  });
});
