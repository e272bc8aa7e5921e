import { Injectable } from '@nestjs/common';
import { DomainError } from '../common/domain-error';
import { Transactor } from '../database/transactor';
import { CreateVenueDto, UpdateVenueDto } from './dto/venue.dto';
import { Venue } from './venue.entity';

@Injectable()
export class VenuesService {
  constructor(private readonly transactor: Transactor) {}

  list(): Promise<Venue[]> {
    return this.transactor.run((m) => m.find(Venue, { order: { name: 'ASC' } }));
  }

  get(id: number): Promise<Venue> {
    return this.transactor.run(async (m) => {
      const venue = await m.findOneBy(Venue, { id });
      if (!venue) throw DomainError.notFound('Venue', id);
      return venue;
    });
  }

  create(dto: CreateVenueDto): Promise<Venue> {
    return this.transactor.run((m) => m.save(m.create(Venue, { ...blanks, ...dto })));
  }

  update(id: number, dto: UpdateVenueDto): Promise<Venue> {
    return this.transactor.run(async (m) => {
      const venue = await m.findOneBy(Venue, { id });
      if (!venue) throw DomainError.notFound('Venue', id);
      return m.save(Object.assign(venue, dto));
    });
  }
}

const blanks = { contactName: null, contactEmail: null, contactPhone: null, notes: null };
