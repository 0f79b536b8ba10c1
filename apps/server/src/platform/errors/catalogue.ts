/**
 * The one error catalogue. Codes are stable (clients and tests rely on them); the HTTP
 * status is decided here and nowhere else; messages live in messages.<locale>.json.
 */
export const ERRORS = {
  'request.invalid_json': 400,
  'request.validation_failed': 400,
  'request.too_large': 413,
  'request.unsupported_media_type': 415,
  'request.not_found': 404,
  'request.rate_limited': 429,
  'request.csrf_failed': 403,
  'auth.unauthenticated': 401,
  'auth.invalid_credentials': 401,
  'auth.totp_required': 401,
  'auth.totp_invalid': 401,
  'auth.throttled': 429,
  'auth.forbidden': 403,
  'auth.totp_enrolment_required': 403,
  'setup.already_done': 409,
  'setup.invalid_code': 403,
  'invitation.not_found': 404,
  'invitation.expired': 410,
  'invitation.used': 410,
  'invitation.revoked': 410,
  'user.email_taken': 409,
  'user.not_found': 404,
  'user.cannot_change_self': 409,
  'password.reset_invalid': 400,
  'password.current_wrong': 400,
  'totp.not_set_up': 400,
  'totp.already_enabled': 409,
  'totp.required_by_role': 409,
  'field.unknown_site': 400,
  'field.unknown_operation': 400,
  'field.unknown_area': 400,
  'field.unknown_term': 400,
  'field.invalid_record': 400,
  'field.not_editable': 403,
  'field.version_conflict': 409,
  'sync.command_reused': 409,
  'eviction.not_found': 404,
  'eviction.wrong_status': 409,
  'site.not_found': 404,
  'site.code_taken': 409,
  'taxonomy.unknown_kind': 404,
  'person.not_found': 404,
  'evidence.not_found': 404,
  'evidence.unknown_target': 400,
  'evidence.id_conflict': 409,
  'evidence.type_not_allowed': 422,
  'evidence.too_large': 413,
  'evidence.chunk_too_large': 413,
  'evidence.offset_mismatch': 409,
  'evidence.upload_busy': 409,
  'evidence.not_uploading': 409,
  'evidence.hash_mismatch': 422,
  'evidence.type_mismatch': 422,
  'evidence.no_public_copy': 404,
  'import.not_found': 404,
  'import.empty': 422,
  'import.unreadable': 422,
  'import.unsupported_type': 415,
  'import.too_many_rows': 413,
  'import.already_committed': 409,
  'import.has_problems': 422,
  'database.unavailable': 503,
  'internal.error': 500,
} as const;

export type ErrorCode = keyof typeof ERRORS;

export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    readonly details?: Record<string, unknown>,
    readonly headers?: Record<string, string>,
  ) {
    super(code);
    this.status = ERRORS[code];
  }
}

export function isErrorCode(code: string): code is ErrorCode {
  return Object.hasOwn(ERRORS, code);
}
