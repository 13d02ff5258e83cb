/**
 * One text field with its button and its error line, as the opening screen's cards use it. The
 * error is tied to the field (aria-describedby) so a screen reader reads it with the field.
 */
import type { FormEvent } from 'react';

interface EntryFormProps {
  /** Prefix of the error line's id; unique on the page. */
  id: string;
  label: string;
  placeholder: string;
  button: string;
  value: string;
  error: string | null;
  inputMode?: 'url' | 'text';
  onChange(value: string): void;
  onSubmit(event: FormEvent): void;
}

export function EntryForm(props: EntryFormProps) {
  const errorId = `${props.id}-error`;
  return (
    <>
      <form onSubmit={props.onSubmit} className="inline-form">
        <input
          type="text"
          inputMode={props.inputMode}
          placeholder={props.placeholder}
          value={props.value}
          onChange={(e) => props.onChange(e.target.value)}
          aria-label={props.label}
          aria-invalid={props.error !== null}
          aria-describedby={props.error ? errorId : undefined}
        />
        <button type="submit" className="button">
          {props.button}
        </button>
      </form>
      {props.error && (
        <p id={errorId} className="error-text">
          {props.error}
        </p>
      )}
    </>
  );
}
