import { Body, Get, Param, ParseIntPipe, Post, Req } from '@nestjs/common';
import { DomainError } from '../../common/domain-error';
import { danishNumber } from '../../common/csv';
import { VenuesService } from '../../planning/venues.service';
import { Venue } from '../../planning/venue.entity';
import { ReferenceService } from '../../reference/reference.service';
import { OnRefusal } from '../../web/page.interceptor';
import { PageRequest } from '../../web/page-request';
import { redirect } from '../../web/page-result';
import { StaffPages } from '../../web/pages.decorators';
import { Refusal } from '../../web/refusal';
import { consolePage, Crumb } from '../shell/console-page';
import { CycleBarService } from '../shell/cycle-bar.service';
import { fieldsOf, problemsOf } from '../shell/form-view';
import { coordinate } from './plan-fields';
import { idParam, optionsOf, PLAN_CRUMB } from './plan-view';
import { VENUE_FIELDS, VenueForm } from './plan.forms';

const LIST: Crumb = { label: 'Kursussteder', href: '/steder' };

/** Kursussteder: the venues seminars are held at, with the place distances are measured from. */
@StaffPages('steder', 'admin', 'planner')
export class VenuePagesController {
  constructor(
    private readonly venues: VenuesService,
    private readonly reference: ReferenceService,
    private readonly cycleBar: CycleBarService,
  ) {}

  @Get()
  async list(@Req() req: PageRequest) {
    const venues = await this.venues.list();
    return consolePage(
      'console-venues',
      {
        title: 'Kursussteder',
        breadcrumbs: [PLAN_CRUMB, { label: 'Kursussteder' }],
        cycleBar: await this.cycleBar.bar(req.staff!, req.path),
      },
      {
        venues: venues.map((v) => ({
          id: v.id,
          name: v.name,
          address: `${v.address}, ${v.postalCode} ${v.town}`,
          place: `${danishNumber(v.latitude, 4)}, ${danishNumber(v.longitude, 4)}`,
        })),
      },
    );
  }

  @Get('ny')
  newForm(@Req() req: PageRequest) {
    return this.venueForm(null, req);
  }

  @Post('ny')
  @OnRefusal('venueForm')
  async create(@Body() form: VenueForm) {
    await this.venues.create(await this.venueInput(form));
    return redirect('/steder');
  }

  @Get(':venue/rediger')
  editForm(@Param('venue', ParseIntPipe) id: number, @Req() req: PageRequest) {
    return this.venueForm(null, req, id);
  }

  @Post(':venue/rediger')
  @OnRefusal('venueForm')
  async update(@Param('venue', ParseIntPipe) id: number, @Body() form: VenueForm) {
    await this.venues.update(id, await this.venueInput(form));
    return redirect('/steder');
  }

  /** The form to create a venue (no id) or edit one, again after a refusal with what was typed. */
  async venueForm(refusal: Refusal | null, req: PageRequest, id = idParam(req, 'venue')) {
    const [venue, municipalities] = await Promise.all([
      id === null ? null : this.venues.get(id),
      this.reference.listMunicipalities(),
    ]);
    const fields = fieldsOf(VENUE_FIELDS, refusal, venue ? storedVenue(venue) : {});
    return consolePage(
      'console-venue-form',
      {
        title: venue ? `Ret ${venue.name}` : 'Opret kursussted',
        breadcrumbs: [PLAN_CRUMB, LIST, { label: venue ? venue.name : 'Opret' }],
        cycleBar: await this.cycleBar.bar(req.staff!, req.path),
      },
      {
        action: venue ? `/steder/${venue.id}/rediger` : '/steder/ny',
        submit: venue ? 'Gem ændringer' : 'Opret kursusstedet',
        problems: problemsOf(refusal),
        fields,
        municipalities: [
          {
            value: '',
            label: 'Ingen – koordinaterne er skrevet',
            selected: fields.municipalityCode.value === '',
          },
          ...optionsOf(
            municipalities,
            (m) => String(m.code),
            (m) => m.name,
            fields.municipalityCode.value,
          ),
        ],
      },
    );
  }

  /** The venue the form describes; its place typed, or else the chosen municipality's reference point. */
  private async venueInput(form: VenueForm) {
    const typed = [form.latitude ?? '', form.longitude ?? ''].map((v) => v.trim());
    let place: { latitude: number; longitude: number };
    if (typed[0] !== '' && typed[1] !== '') {
      place = { latitude: coordinate(typed[0]), longitude: coordinate(typed[1]) };
    } else if (typed[0] === '' && typed[1] === '' && form.municipalityCode) {
      const m = await this.reference.getMunicipality(Number(form.municipalityCode));
      place = { latitude: m.latitude, longitude: m.longitude };
    } else {
      throw new DomainError(
        'validation_failed',
        'venue.place_missing',
        'Type both coordinates or choose a municipality',
        [{ field: typed[0] === '' ? 'latitude' : 'longitude', reason: 'is required' }],
      );
    }
    return { name: form.name, address: form.address, postalCode: form.postalCode, town: form.town, ...place };
  }
}

function storedVenue(v: Venue) {
  return {
    ...v,
    latitude: String(v.latitude).replace('.', ','),
    longitude: String(v.longitude).replace('.', ','),
    municipalityCode: '',
  };
}
