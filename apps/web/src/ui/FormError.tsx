/** A form-level failure, announced at once by screen readers (role="alert"). */
export function FormError({ message, id }: { message?: string | null; id?: string }) {
  if (!message) return null;
  return (
    <div id={id} class="form-error" role="alert">
      {message}
    </div>
  );
}

/**
 * A polite confirmation ("Profile saved"). The region stays in the page even when empty,
 * because screen readers only announce changes to live regions that already exist.
 */
export function StatusMessage({ message }: { message?: string | null }) {
  return (
    <p class="status-message" role="status">
      {message ?? ''}
    </p>
  );
}
