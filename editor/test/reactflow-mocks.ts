// jsdom lacks the layout APIs React Flow measures with; these stand-ins follow React Flow's
// own testing guide, giving every element a fixed size so nodes render.
class ResizeObserverStub {
  callback: ResizeObserverCallback;
  constructor(callback: ResizeObserverCallback) {
    this.callback = callback;
  }
  observe(target: Element) {
    this.callback([{ target } as ResizeObserverEntry], this as unknown as ResizeObserver);
  }
  unobserve() {}
  disconnect() {}
}

class DOMMatrixReadOnlyStub {
  m22: number;
  constructor(transform: string) {
    const scale = transform?.match(/scale\(([1-9.])\)/)?.[1];
    this.m22 = scale !== undefined ? +scale : 1;
  }
}

let installed = false;
export function installReactFlowMocks(): void {
  if (installed) return;
  installed = true;
  globalThis.ResizeObserver = ResizeObserverStub as unknown as typeof ResizeObserver;
  (globalThis as unknown as { DOMMatrixReadOnly: unknown }).DOMMatrixReadOnly = DOMMatrixReadOnlyStub;
  Object.defineProperties(HTMLElement.prototype, {
    // The canvas itself gets a roomy viewport so every node of a small test graph is "visible".
    offsetHeight: { get() { return (this as HTMLElement).classList.contains('react-flow') ? 1600 : parseFloat((this as HTMLElement).style.height) || 1; } },
    offsetWidth: { get() { return (this as HTMLElement).classList.contains('react-flow') ? 1600 : parseFloat((this as HTMLElement).style.width) || 1; } },
  });
  (SVGElement.prototype as unknown as { getBBox: () => DOMRect }).getBBox = () => ({ x: 0, y: 0, width: 0, height: 0 }) as DOMRect;
}
