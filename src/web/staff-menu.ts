import { StaffRole } from '../auth/roles';

/** A section of the staff console's main menu. */
export interface MenuSection {
  label: string;
  href: string;
  /** The section of the page being shown, for `aria-current`. */
  current: boolean;
}

interface SectionSpec {
  label: string;
  href: string;
  roles: readonly StaffRole[];
  /** Paths that belong to the section besides `href` and what lies under it. */
  also?: readonly RegExp[];
}

const PLANNERS = ['planner', 'admin'] as const;

/**
 * The console's sections in menu order; a new section adds one line here (see templates/README.md).
 * Only sections whose pages exist are listed.
 */
const SECTIONS: readonly SectionSpec[] = [
  { label: 'Overblik', href: '/oversigt', roles: PLANNERS },
  { label: 'Valgperioder', href: '/valgperioder', roles: PLANNERS, also: [/^\/valgperioder\/\d+\/?$/] },
  { label: 'Medlemmer', href: '/medlemmer', roles: PLANNERS, also: [/^\/valgperioder\/\d+\/medlemmer/] },
  {
    label: 'Planlægning',
    href: '/planlaegning',
    roles: PLANNERS,
    also: [
      /^\/valgperioder\/\d+\/planlaegning/,
      /^\/steder(\/|$)/,
      /^\/seminarer\/(ny|\d+(\/(rediger|program|kopier|deltagere|navneskilte)(\/.*)?)?)\/?$/,
    ],
  },
  {
    label: 'Invitationer',
    href: '/invitationer',
    roles: PLANNERS,
    also: [/^\/valgperioder\/\d+\/invitationer/],
  },
  { label: 'Deltagelse', href: '/deltagelse', roles: PLANNERS, also: [/^\/valgperioder\/\d+\/deltagelse/] },
  { label: 'Fordeling', href: '/fordeling', roles: PLANNERS, also: [/^\/valgperioder\/\d+\/fordeling/] },
  { label: 'Fremmøde', href: '/fremmoede', roles: PLANNERS, also: [/^\/seminarer\/\d+\/fremmoede/] },
  { label: 'Beskeder', href: '/beskeder', roles: PLANNERS },
  { label: 'Materialer', href: '/materialer', roles: PLANNERS, also: [/^\/valgperioder\/\d+\/materialer/] },
  { label: 'Evaluering', href: '/evaluering', roles: PLANNERS, also: [/^\/valgperioder\/\d+\/evaluering/] },
  { label: 'Statistik', href: '/statistik', roles: ['kl', 'planner', 'admin'] },
  { label: 'Personale', href: '/personale', roles: ['admin'], also: [/^\/kontaktpersoner/] },
  {
    label: 'Min kommune',
    href: '/min-kommune',
    roles: ['municipality'],
    also: [/^\/valgperioder\/\d+\/import/],
  },
];

const under = (path: string, href: string) => path === href || path.startsWith(`${href}/`);

/** The sections a role may open, the one `path` lies in marked current (the most specific wins). */
export function staffMenu(role: StaffRole, path: string): MenuSection[] {
  const visible = SECTIONS.filter((s) => s.roles.includes(role));
  const matches = (s: SectionSpec) => (s.also ?? []).some((re) => re.test(path)) || under(path, s.href);
  const current = visible.find((s) => s.also?.some((re) => re.test(path))) ?? visible.find(matches);
  return visible.map((s) => ({ label: s.label, href: s.href, current: s === current }));
}

/** Where a role starts after signing in: its first section. */
export function staffStartPage(role: StaffRole): string {
  return SECTIONS.find((s) => s.roles.includes(role))!.href;
}
