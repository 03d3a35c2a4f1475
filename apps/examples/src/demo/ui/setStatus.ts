export type DemoState = 'idle' | 'running' | 'done' | 'error';

/** The status line; `data-state` is what the end-to-end test waits on. */
export function setStatus(element: HTMLElement, state: DemoState, message: string): void {
  element.dataset.state = state;
  element.textContent = message;
}
