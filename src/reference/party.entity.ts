import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A list letter reserved nationally. Local lists have other letters per municipality. */
@Entity('parties')
export class Party {
  @PrimaryColumn('varchar', { length: 2 })
  letter: string;

  @Column('varchar', { length: 100 })
  name: string;
}
