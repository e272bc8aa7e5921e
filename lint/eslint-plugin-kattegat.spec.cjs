'use strict';
const { join } = require('node:path');
const { RuleTester } = require('eslint');
const tseslint = require('typescript-eslint');
const plugin = require('./eslint-plugin-kattegat.cjs');

/*
 * The rule runs on fixtures (lint/fixtures/src/<module>/…) with their own small TypeScript
 * program: Seminar is an entity of `planning`, Registration one of `registrations`, and each case
 * is linted as lint/fixtures/src/registrations/file.ts.
 */
const fixtures = join(__dirname, 'fixtures');
const ruleTester = new RuleTester({
  languageOptions: {
    parser: tseslint.parser,
    parserOptions: {
      project: './tsconfig.json',
      tsconfigRootDir: fixtures,
      // With CI=true, typescript-eslint would build one program from the files on disk and type
      // the fixture file.ts instead of each case's code; the cases need a program per case.
      disallowAutomaticSingleRunInference: true,
    },
  },
});
const filename = join(fixtures, 'src/registrations/file.ts');
const header = `
import { DataSource, EntityManager, Repository } from 'typeorm';
import { InjectRepository, TypeOrmModule } from '@nestjs/typeorm';
import { Seminar } from '../planning/seminar.entity';
import { SeminarSummary } from '../planning/seminar-summary';
import { Registration } from './registration.entity';
declare const m: EntityManager;
declare const dataSource: DataSource;
`;
const valid = (code) => ({ code: header + code, filename });
const invalid = (code, how) => ({
  code: header + code,
  filename,
  errors: [
    {
      messageId: 'foreignWrite',
      data: { module: 'registrations', owner: 'planning', entity: 'Seminar', how },
    },
  ],
});

describe('kattegat/no-foreign-entity-write', () => {
  ruleTester.run('no-foreign-entity-write', plugin.rules['no-foreign-entity-write'], {
    valid: [
      // Reading another module's entity is allowed.
      valid(`m.find(Seminar, { where: { id: 1 } });`),
      valid(`m.findOneBy(Seminar, { id: 1 });`),
      valid(`m.createQueryBuilder(Seminar, 's').where('s.id = 1').getMany();`),
      valid(`m.createQueryBuilder().select('s.id').from(Seminar, 's').getRawMany();`),
      valid(`dataSource.createQueryBuilder(Seminar, 's').getExists();`),
      // Writing its own is the module's business.
      valid(`m.insert(Registration, { seminarId: 1 });`),
      valid(`m.createQueryBuilder().update(Registration).set({ seminarId: 2 }).execute();`),
      valid(`declare const seat: Registration; m.save(seat);`),
      valid(
        `class S { constructor(@InjectRepository(Registration) readonly r: Repository<Registration>) {} }`,
      ),
      valid(`TypeOrmModule.forFeature([Registration]);`),
      // A class that is not an entity, and calls that are not typeorm's, are not writes of a table.
      valid(`m.save(new SeminarSummary());`),
      valid(`const seen = new Set<Seminar>(); declare const s: Seminar; seen.delete(s);`),
    ],
    invalid: [
      invalid(`m.update(Seminar, 1, { taken: 2 });`, 'update'),
      invalid(`m.insert(Seminar, { taken: 0 });`, 'insert'),
      invalid(`m.delete(Seminar, { id: 1 });`, 'delete'),
      invalid(`m.increment(Seminar, { id: 1 }, 'taken', 1);`, 'increment'),
      invalid(`m.decrement(Seminar, { id: 1 }, 'taken', 1);`, 'decrement'),
      invalid(`m.upsert(Seminar, { id: 1 }, ['id']);`, 'upsert'),
      invalid(`declare const s: Seminar; m.save(s);`, 'save'),
      invalid(`declare const s: Seminar[]; m.remove(s);`, 'remove'),
      invalid(`m.save(m.create(Seminar, { taken: 0 }));`, 'save'),
      invalid(`declare const seminars: Repository<Seminar>; seminars.update(1, { taken: 2 });`, 'update'),
      invalid(`m.getRepository(Seminar);`, 'getRepository'),
      invalid(`dataSource.getRepository(Seminar);`, 'getRepository'),
      invalid(
        `class S { constructor(@InjectRepository(Seminar) readonly r: Repository<Seminar>) {} }`,
        '@InjectRepository',
      ),
      invalid(`TypeOrmModule.forFeature([Registration, Seminar]);`, 'TypeOrmModule.forFeature'),
      invalid(`m.createQueryBuilder().update(Seminar).set({ taken: 2 }).execute();`, 'update'),
      invalid(
        `m.createQueryBuilder().insert().into(Seminar).values({ taken: 0 }).execute();`,
        'insert().into',
      ),
      invalid(`m.createQueryBuilder().delete().from(Seminar).where('id = 1').execute();`, 'delete().from'),
      invalid(`m.createQueryBuilder(Seminar, 's').delete().execute();`, 'delete'),
    ],
  });
});

describe('moduleOfFile', () => {
  it('is the folder under src/, wherever the project lies', () => {
    expect(plugin.moduleOfFile('/work/kattegat/src/planning/seminar.entity.ts')).toBe('planning');
    expect(plugin.moduleOfFile('/work/kattegat/src/cycles/gdpr/gdpr.service.ts')).toBe('cycles');
    expect(plugin.moduleOfFile('src/messaging/outbox.service.ts')).toBe('messaging');
  });

  it('is null for a file directly in src/ or outside it', () => {
    expect(plugin.moduleOfFile('/work/kattegat/src/main.ts')).toBeNull();
    expect(plugin.moduleOfFile('/work/kattegat/test/portal.e2e-spec.ts')).toBeNull();
  });
});
