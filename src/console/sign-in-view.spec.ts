import { DomainError } from '../common/domain-error';
import { Refusal } from '../web/refusal';
import { signInFormView } from './sign-in-view';

const labels = new Map([
  ['email', 'E-mail'],
  ['password', 'Adgangskode'],
]);
const refusal = (error: DomainError, body: object) => Refusal.of(error, body, labels);

describe(signInFormView.name, () => {
  it('shows nothing before a refusal', () => {
    expect(signInFormView(null, ['email', 'password'], 'password')).toEqual({
      problems: null,
      fields: { email: { value: '', error: null }, password: { value: '', error: null } },
    });
  });

  it('puts a refusal without a field beside the fallback field, keeps the e-mail and never the password', () => {
    const wrong = new DomainError('unauthenticated', 'auth.wrong_credentials', 'Wrong e-mail or password');
    const view = signInFormView(
      refusal(wrong, { email: ' eva@kl.dk ', password: 'hemmeligt' }),
      ['email', 'password'],
      'password',
    );
    expect(view.fields).toEqual({
      email: { value: 'eva@kl.dk', error: null },
      password: { value: '', error: 'Forkert e-mail eller adgangskode.' },
    });
    expect(view.problems).toEqual({
      summary: 'Forkert e-mail eller adgangskode.',
      errors: [{ field: 'password', label: 'Adgangskode', text: 'Forkert e-mail eller adgangskode.' }],
    });
  });

  it("shows each named field's problem beside it", () => {
    const missing = new DomainError('validation_failed', 'auth.credentials_missing', 'Give both', [
      { field: 'email', reason: 'required' },
    ]);
    const view = signInFormView(
      refusal(missing, { email: '', password: 'x' }),
      ['email', 'password'],
      'password',
    );
    expect(view.fields.email.error).toBe('Skriv både e-mail og adgangskode.');
    expect(view.fields.password.error).toBeNull();
    expect(view.problems?.errors.map((e) => e.label)).toEqual(['E-mail']);
  });
});
