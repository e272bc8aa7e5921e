import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { DomainError } from '../common/domain-error';
import { Municipality } from './municipality.entity';
import { Party } from './party.entity';
import { Region } from './region.entity';

@Injectable()
export class ReferenceService {
  constructor(
    @InjectRepository(Municipality) private readonly municipalities: Repository<Municipality>,
    @InjectRepository(Region) private readonly regions: Repository<Region>,
    @InjectRepository(Party) private readonly parties: Repository<Party>,
  ) {}

  listMunicipalities(regionCode?: number): Promise<Municipality[]> {
    return this.municipalities.find({ where: regionCode ? { regionCode } : {}, order: { code: 'ASC' } });
  }

  async getMunicipality(code: number): Promise<Municipality> {
    const found = await this.municipalities.findOneBy({ code });
    if (!found) throw DomainError.notFound('Municipality', code);
    return found;
  }

  listRegions(): Promise<Region[]> {
    return this.regions.find({ order: { code: 'ASC' } });
  }

  async getRegion(code: number): Promise<Region> {
    const found = await this.regions.findOneBy({ code });
    if (!found) throw DomainError.notFound('Region', code);
    return found;
  }

  listParties(): Promise<Party[]> {
    return this.parties.find({ order: { letter: 'ASC' } });
  }
}
