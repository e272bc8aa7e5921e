import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The cycle a staff member last chose to work in. */
@Entity('console_cycle_choices')
export class CycleChoice {
  @PrimaryColumn('integer', { name: 'staff_user_id' })
  staffUserId: number;

  @Column('integer', { name: 'cycle_id' })
  cycleId: number;
}
