import { beforeAll, describe, expect, it, vi } from 'vitest';

// The client's words come from the i18n module, which marks <html lang> when it loads.
vi.stubGlobal('document', { documentElement: {} });
const { ApiError, errorMessage, fieldErrorsOf } = await import('./client');
const { applyLocale } = await import('../i18n');

const refusal = (fields: unknown[]) => new ApiError('request.validation_failed', 'server sentence', 400, { in: 'body', fields });

describe('validation errors in words', () => {
  beforeAll(async () => { await applyLocale('fr'); });

  it('shows the server’s own sentence for a problem with no field, never “un champ”', () => {
    const error = refusal([
      { field: '', issue: 'custom', message: 'indiquez au moins un nouveau statut, une issue ou une note' },
      { field: 'email', issue: 'invalid_format', message: 'email : format invalide' },
    ]);
    const message = errorMessage(error);
    expect(message).toBe('Certaines informations sont à corriger : indiquez au moins un nouveau statut, une issue ou une note ; adresse e-mail : le format n’est pas reconnu.');
    expect(message).not.toContain('un champ');
    // Nothing to mark beside a field for the whole request; the named field keeps its message.
    expect(fieldErrorsOf(error)).toEqual({ email: 'le format n’est pas reconnu' });
  });
});
