/**
 * The one error catalogue. Codes are stable (clients and tests rely on them); the HTTP
 * status is decided here and nowhere else; messages live in messages.<locale>.json.
 */
export declare const ERRORS: {
    readonly 'request.invalid_json': 400;
    readonly 'request.validation_failed': 400;
    readonly 'request.too_large': 413;
    readonly 'request.unsupported_media_type': 415;
    readonly 'request.not_found': 404;
    readonly 'request.rate_limited': 429;
    readonly 'request.csrf_failed': 403;
    readonly 'auth.unauthenticated': 401;
    readonly 'auth.invalid_credentials': 401;
    readonly 'auth.totp_required': 401;
    readonly 'auth.totp_invalid': 401;
    readonly 'auth.throttled': 429;
    readonly 'auth.forbidden': 403;
    readonly 'auth.totp_enrolment_required': 403;
    readonly 'setup.already_done': 409;
    readonly 'setup.invalid_code': 403;
    readonly 'invitation.not_found': 404;
    readonly 'invitation.expired': 410;
    readonly 'invitation.used': 410;
    readonly 'invitation.revoked': 410;
    readonly 'user.email_taken': 409;
    readonly 'user.not_found': 404;
    readonly 'user.cannot_change_self': 409;
    readonly 'password.reset_invalid': 400;
    readonly 'password.current_wrong': 400;
    readonly 'totp.not_set_up': 400;
    readonly 'totp.already_enabled': 409;
    readonly 'totp.required_by_role': 409;
    readonly 'database.unavailable': 503;
    readonly 'internal.error': 500;
};
export type ErrorCode = keyof typeof ERRORS;
export declare class AppError extends Error {
    readonly code: ErrorCode;
    readonly details?: Record<string, unknown> | undefined;
    readonly headers?: Record<string, string> | undefined;
    readonly status: number;
    constructor(code: ErrorCode, details?: Record<string, unknown> | undefined, headers?: Record<string, string> | undefined);
}
export declare function isErrorCode(code: string): code is ErrorCode;
