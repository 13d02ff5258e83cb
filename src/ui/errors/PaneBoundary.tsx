/**
 * An error boundary around one pane (the tree, the info pane, each view, the header): a component
 * that throws while rendering shows its error here with Retry, and every other pane goes on.
 * Retry renders the children again; `resetKey` (e.g. the selected path) clears the error when the
 * pane is asked to show something else.
 */
import { Component, type ErrorInfo, type ReactNode } from 'react';
import { ErrorMessage } from './ErrorMessage';
import { undoBeforeRetry } from './undoableError';

export interface PaneBoundaryProps {
  /** What failed, as the error message's first words ("The Values view failed"). */
  context: string;
  /** A change of this value forgets the error (another object was selected). */
  resetKey?: string;
  inline?: boolean;
  children: ReactNode;
}

interface PaneBoundaryState {
  error: unknown;
  /** The resetKey the error was caught under. */
  caughtUnder: string | undefined;
  failed: boolean;
}

export class PaneBoundary extends Component<PaneBoundaryProps, PaneBoundaryState> {
  state: PaneBoundaryState = { error: null, caughtUnder: undefined, failed: false };

  static getDerivedStateFromError(error: unknown): Partial<PaneBoundaryState> {
    return { error, failed: true };
  }

  static getDerivedStateFromProps(
    props: PaneBoundaryProps,
    state: PaneBoundaryState,
  ): Partial<PaneBoundaryState> | null {
    if (state.failed && state.caughtUnder !== props.resetKey) {
      return { error: null, failed: false, caughtUnder: props.resetKey };
    }
    return state.failed ? null : { caughtUnder: props.resetKey };
  }

  componentDidCatch(error: unknown, info: ErrorInfo): void {
    // The message on screen is for the user; the stack is for whoever reports the bug.
    console.error(`${this.props.context}:`, error, info.componentStack);
  }

  private readonly retry = () => {
    undoBeforeRetry(this.state.error);
    this.setState({ error: null, failed: false });
  };

  render() {
    if (!this.state.failed) return this.props.children;
    return (
      <div className="pane-error">
        <ErrorMessage
          error={this.state.error}
          context={this.props.context}
          onRetry={this.retry}
          inline={this.props.inline}
        />
      </div>
    );
  }
}
