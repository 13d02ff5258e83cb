/**
 * The hand-over from the static opening screen in index.html (openScreenShell.tsx) to the app:
 * React replaces it at its first render, and what the person did on it meanwhile is carried over:
 * the text typed into its fields, the sections opened, the field that had the focus (with the caret), and a form sent
 * with Enter or its button, which is sent again from the app's form. Both screens are the same
 * component in the same first state, so fields are matched by their order on the screen (and
 * their type, in case the two differ after all).
 */
import { flushSync } from 'react-dom';

export const SHELL_ATTRIBUTE = 'data-shell';
export const SHELL_SELECTOR = `[${SHELL_ATTRIBUTE}]`;

/** Set by index.html when a form of the static screen was sent before the app started. */
declare global {
  interface Window {
    __nwbeShellSubmitted?: HTMLFormElement;
  }
}

export interface ShellHandOver {
  /** Called once the app's first render is in the DOM: applies what was done on the shell. */
  apply(root: HTMLElement): void;
}

/** Notes the shell's fields before the app replaces it; null when the page has no shell. */
export function takeShell(root: HTMLElement): ShellHandOver | null {
  const shell = root.querySelector(SHELL_SELECTOR);
  if (!shell) return null;
  const sections = [...shell.querySelectorAll('details')];
  const fields = [...shell.querySelectorAll('input')];
  // Taken now: once the shell is out of the page, the focus is nowhere.
  const focused = fields.findIndex((input) => input === document.activeElement);
  return {
    apply(appRoot) {
      // The shell's nodes are out of the page now, but they keep what was typed into them.
      const appSections = appRoot.querySelectorAll('details');
      const appFields = appRoot.querySelectorAll('input');
      const pairs = fields
        .map((field, i) => ({ field, target: appFields[i] }))
        .filter(
          (p): p is { field: HTMLInputElement; target: HTMLInputElement } =>
            p.target?.type === p.field.type && p.field.type !== 'file',
        );
      // Rendered at once, so the form below is sent with the values carried over.
      flushSync(() => {
        sections.forEach((section, i) => {
          const target = appSections[i];
          if (section.open && target) target.open = true;
        });
        for (const { field, target } of pairs) {
          if (field.type === 'checkbox' || field.type === 'radio') {
            if (field.checked !== target.checked) target.click();
          } else if (field.value !== '') {
            typeInto(target, field.value);
          }
        }
      });
      const focus = pairs.find((p) => p.field === fields[focused]);
      if (focus) {
        focus.target.focus();
        if (focus.field.type !== 'checkbox' && focus.field.type !== 'radio') {
          focus.target.setSelectionRange(focus.field.selectionStart, focus.field.selectionEnd);
        }
      }
      const submitted = window.__nwbeShellSubmitted;
      delete window.__nwbeShellSubmitted;
      const sent = pairs.find((p) => submitted && p.field.form === submitted);
      sent?.target.form?.requestSubmit();
    },
  };
}

/**
 * Sets a field's value so React sees it as typed: React tracks the value it last set through the
 * element's own setter, so the value goes through the prototype's setter, then an input event.
 */
function typeInto(input: HTMLInputElement, value: string): void {
  const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set;
  setter?.call(input, value);
  input.dispatchEvent(new Event('input', { bubbles: true }));
}
