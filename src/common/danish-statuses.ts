/** Statuses as pages and e-mails say them: one Danish word each, never the code. */
export const SEMINAR_STATUS_TEXT: Record<string, string> = {
  draft: 'Kladde',
  published: 'Åben',
  cancelled: 'Aflyst',
  completed: 'Afholdt',
};
