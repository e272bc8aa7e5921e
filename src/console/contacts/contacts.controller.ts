import { Body, Get, Post, Query, Req } from '@nestjs/common';
import { MUNICIPAL_ROLE } from '../../auth/roles';
import { StaffService } from '../../auth/staff.service';
import { danishCompare } from '../../common/danish-order';
import { ReferenceService } from '../../reference/reference.service';
import { OnRefusal } from '../../web/page.interceptor';
import { PageRequest } from '../../web/page-request';
import { redirect } from '../../web/page-result';
import { StaffPages } from '../../web/pages.decorators';
import { Refusal } from '../../web/refusal';
import { consolePage } from '../shell/console-page';
import { fieldsOf, problemsOf } from '../shell/form-view';
import { CONTACT_FIELDS, ContactForm } from './contact.form';

/** Kontaktpersoner: the municipalities' contacts, and a new one bound to its municipality (admins). */
@StaffPages('kontaktpersoner', 'admin')
export class ContactsController {
  constructor(
    private readonly staff: StaffService,
    private readonly reference: ReferenceService,
  ) {}

  @Get()
  list(@Query('oprettet') created: unknown, @Req() req: PageRequest) {
    return this.contactsPage(null, req, typeof created === 'string' ? created : null);
  }

  @Post()
  @OnRefusal('contactsPage')
  async create(@Body() form: ContactForm) {
    const contact = await this.staff.create({
      name: form.name,
      email: form.email,
      password: form.password,
      role: MUNICIPAL_ROLE,
      municipalityCode: form.municipalityCode,
    });
    return redirect(`/kontaktpersoner?oprettet=${encodeURIComponent(contact.email)}`);
  }

  /** The list and the form to add one, again after a refusal with what was typed (never the password). */
  async contactsPage(refusal: Refusal | null, _req: PageRequest, created: string | null = null) {
    const [accounts, municipalities] = await Promise.all([
      this.staff.list(),
      this.reference.listMunicipalities(),
    ]);
    const name = new Map(municipalities.map((m) => [m.code, m.name]));
    const fields = fieldsOf(CONTACT_FIELDS, refusal, {});
    fields.password.value = '';
    return consolePage(
      'console-contacts',
      { title: 'Kontaktpersoner', breadcrumbs: [{ label: 'Kontaktpersoner' }] },
      {
        created,
        problems: problemsOf(refusal),
        fields,
        contacts: accounts
          .filter((a) => a.role === MUNICIPAL_ROLE)
          .map((a) => ({
            name: a.name,
            email: a.email,
            municipality: name.get(a.municipalityCode!) ?? '',
            disabled: a.disabledAt !== null,
          }))
          .sort((a, b) => danishCompare(a.municipality, b.municipality) || danishCompare(a.name, b.name)),
        municipalities: municipalities.map((m) => ({
          value: m.code,
          label: m.name,
          selected: String(m.code) === fields.municipalityCode.value,
        })),
      },
    );
  }
}
