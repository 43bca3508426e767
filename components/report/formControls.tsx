'use client';
/**
 * Form controls for a phone in the sun, used with one thumb: every target at least 56 px high,
 * black on white, the chosen option inverted (white on black) so it reads without colour, and each
 * field's problem written under it and tied to it for screen readers.
 */
import type { ReactNode } from 'react';

export const fieldId = (field: string) => `report-field-${field}`;
const errorId = (field: string) => `report-error-${field}`;

export function FieldError({ field, message }: { field: string; message?: string }) {
  if (!message) return null;
  return (
    <p id={errorId(field)} className="mt-1 border-l-8 border-red-700 bg-red-50 px-3 py-2 text-lg font-semibold text-red-800">
      {message}
    </p>
  );
}

export interface Choice<T extends string> {
  value: T;
  label: string;
  disabled?: boolean;
}

export function ChoiceGroup<T extends string>({
  field,
  legend,
  choices,
  value,
  onChange,
  error,
  columns = 2,
  optionalLabel,
}: {
  field: string;
  legend: string;
  choices: ReadonlyArray<Choice<T>>;
  value: T | '';
  onChange: (value: T) => void;
  error?: string;
  columns?: 2 | 3;
  optionalLabel?: string;
}) {
  return (
    <fieldset className="mt-5" aria-describedby={error ? errorId(field) : undefined}>
      <legend className="text-xl font-bold">
        {legend}
        {optionalLabel && <span className="ml-2 text-lg font-normal text-neutral-700">({optionalLabel})</span>}
      </legend>
      <div className={`mt-2 grid gap-2 ${columns === 3 ? 'grid-cols-3' : 'grid-cols-2'}`}>
        {choices.map((choice, index) => (
          <label
            key={choice.value}
            className={`flex min-h-14 cursor-pointer items-center justify-center rounded-xl border-[3px] px-2 py-2 text-center text-lg font-semibold leading-tight has-[:focus-visible]:outline-4 has-[:focus-visible]:outline-offset-2 has-[:focus-visible]:outline-blue-700 ${
              value === choice.value ? 'border-black bg-black text-white' : 'border-black bg-white text-black'
            } ${choice.disabled ? 'cursor-not-allowed opacity-40' : ''}`}
          >
            <input
              type="radio"
              id={index === 0 ? fieldId(field) : undefined}
              name={field}
              value={choice.value}
              checked={value === choice.value}
              disabled={choice.disabled}
              onChange={() => onChange(choice.value)}
              aria-invalid={error ? true : undefined}
              className="sr-only"
            />
            {choice.label}
          </label>
        ))}
      </div>
      <FieldError field={field} message={error} />
    </fieldset>
  );
}

export function NumberField({
  field,
  label,
  value,
  onChange,
  error,
  optionalLabel,
}: {
  field: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  error?: string;
  optionalLabel?: string;
}) {
  return (
    <div className="mt-5">
      <label htmlFor={fieldId(field)} className="block text-xl font-bold">
        {label}
        {optionalLabel && <span className="block text-base font-normal text-neutral-800">{optionalLabel}</span>}
      </label>
      <input
        id={fieldId(field)}
        name={field}
        // Text, not type=number: the phone shows digits, and what was typed reaches the check as typed.
        type="text"
        inputMode="numeric"
        autoComplete="off"
        value={value}
        onChange={(event) => onChange(event.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? errorId(field) : undefined}
        className="mt-2 min-h-14 w-full rounded-xl border-[3px] border-black bg-white px-4 text-2xl text-black tabular-nums focus:outline-4 focus:outline-offset-2 focus:outline-blue-700"
      />
      <FieldError field={field} message={error} />
    </div>
  );
}

export function TextField({
  field,
  label,
  hint,
  value,
  onChange,
  error,
  maxLength,
}: {
  field: string;
  label: string;
  hint?: string;
  value: string;
  onChange: (value: string) => void;
  error?: string;
  maxLength: number;
}) {
  const hintId = `${fieldId(field)}-hint`;
  return (
    <div className="mt-5">
      <label htmlFor={fieldId(field)} className="block text-xl font-bold">
        {label}
      </label>
      {hint && (
        <p id={hintId} className="text-base text-neutral-800">
          {hint}
        </p>
      )}
      <textarea
        id={fieldId(field)}
        name={field}
        rows={3}
        value={value}
        // A little over the limit may be typed, so the officer sees why it is refused instead of losing text.
        maxLength={maxLength + 200}
        onChange={(event) => onChange(event.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={[hint ? hintId : '', error ? errorId(field) : ''].filter(Boolean).join(' ') || undefined}
        className="mt-2 w-full rounded-xl border-[3px] border-black bg-white px-4 py-3 text-xl text-black focus:outline-4 focus:outline-offset-2 focus:outline-blue-700"
      />
      <FieldError field={field} message={error} />
    </div>
  );
}

/** A section with a heading, on the page's white ground. */
export function Section({ title, id, children, action }: { title: string; id: string; children: ReactNode; action?: ReactNode }) {
  return (
    <section aria-labelledby={id} className="border-t-4 border-black px-4 py-5">
      <div className="flex items-center justify-between gap-3">
        <h2 id={id} className="text-2xl font-extrabold">
          {title}
        </h2>
        {action}
      </div>
      {children}
    </section>
  );
}
