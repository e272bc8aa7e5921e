import { page } from '../../web/page-result';

/** A link in the breadcrumbs; the last one, the page itself, has no href. */
export interface Crumb {
  label: string;
  href?: string;
}

/** The header's cycle line and chooser; see CycleBarService. */
export interface CycleBar {
  current: { id: number; code: string; name: string; closed: boolean };
  choices: Array<{ id: number; label: string; selected: boolean }>;
  /** Where the chooser leads back to. */
  back: string;
}

export interface Shell {
  title: string;
  breadcrumbs?: Crumb[];
  cycleBar?: CycleBar | null;
}

/**
 * A page in the console layout (templates/partials/console-layout.hbs): the shell's title,
 * breadcrumbs and cycle bar beside the view's own model.
 */
export function consolePage(
  view: string,
  shell: Shell,
  model: object = {},
  options?: Parameters<typeof page>[2],
) {
  return page(
    view,
    { title: shell.title, breadcrumbs: shell.breadcrumbs ?? [], cycleBar: shell.cycleBar ?? null, ...model },
    options,
  );
}
