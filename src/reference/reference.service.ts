import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { DomainError } from '../common/domain-error';
import { Municipality } from './municipality.entity';
import { Party } from './party.entity';
import { Region } from './region.entity';

/** The municipalities and regions, each in order of code. */
export interface Areas {
  readonly municipalities: readonly Municipality[];
  readonly regions: readonly Region[];
}

@Injectable()
export class ReferenceService {
  /**
   * Municipalities and regions are read by nearly every console page and only ever written by
   * the seeder at boot, which calls forget(); holding them in memory saves two queries a page.
   */
  private loaded?: Promise<Areas>;

  constructor(
    @InjectRepository(Municipality) private readonly municipalities: Repository<Municipality>,
    @InjectRepository(Region) private readonly regions: Repository<Region>,
    @InjectRepository(Party) private readonly parties: Repository<Party>,
  ) {}

  async listMunicipalities(regionCode?: number): Promise<Municipality[]> {
    const { municipalities } = await this.loadAreas();
    return regionCode ? municipalities.filter((m) => m.regionCode === regionCode) : [...municipalities];
  }

  async getMunicipality(code: number): Promise<Municipality> {
    const found = (await this.loadAreas()).municipalities.find((m) => m.code === code);
    if (!found) throw DomainError.notFound('Municipality', code);
    return found;
  }

  async listRegions(): Promise<Region[]> {
    return [...(await this.loadAreas()).regions];
  }

  async getRegion(code: number): Promise<Region> {
    const found = (await this.loadAreas()).regions.find((r) => r.code === code);
    if (!found) throw DomainError.notFound('Region', code);
    return found;
  }

  listParties(): Promise<Party[]> {
    return this.parties.find({ order: { letter: 'ASC' } });
  }

  /**
   * The held municipalities and regions themselves, not copies: the same object until forget(),
   * so what a caller derives from them can be kept beside it (see areaOptions).
   */
  areas(): Promise<Areas> {
    return this.loadAreas();
  }

  /** Drops the held areas so the next read sees what was just written. */
  forget(): void {
    this.loaded = undefined;
  }

  private loadAreas(): Promise<Areas> {
    this.loaded ??= Promise.all([
      this.municipalities.find({ order: { code: 'ASC' } }),
      this.regions.find({ order: { code: 'ASC' } }),
    ]).then(
      ([municipalities, regions]) => ({ municipalities, regions }),
      (error: unknown) => {
        this.loaded = undefined;
        throw error;
      },
    );
    return this.loaded;
  }
}
