import { SEMINAR_STATUSES } from '../planning/seminar.entity';
import { SEMINAR_STATUS_TEXT } from './danish-statuses';

describe('Danish statuses', () => {
  it('has a Danish word for every seminar status', () => {
    for (const status of SEMINAR_STATUSES) expect(SEMINAR_STATUS_TEXT[status]).toMatch(/^[A-ZÆØÅ][a-zæøå]+$/);
  });
});
