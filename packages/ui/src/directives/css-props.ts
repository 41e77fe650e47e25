// Sets inline style properties through the CSSOM (element.style.setProperty), on every render
// including the first. Lit's styleMap writes a `style` attribute string on its first render, and
// the app's CSP (style-src 'self', no 'unsafe-inline') refuses style attributes; CSSOM writes are
// allowed. Use as an element binding: <div ${cssProps({ left: '10px', '--c': colour })}>.
import { noChange, nothing, type ElementPart } from 'lit';
import { Directive, PartType, directive, type PartInfo } from 'lit/directive.js';

export type CssProps = Readonly<Record<string, string | number | null | undefined>>;

class CssPropsDirective extends Directive {
  private previous = new Set<string>();

  constructor(partInfo: PartInfo) {
    super(partInfo);
    if (partInfo.type !== PartType.ELEMENT) throw new Error('cssProps must be bound to an element: <div ${cssProps({...})}>');
  }

  override render(_props: CssProps): unknown {
    return nothing;
  }

  override update(part: ElementPart, [props]: [CssProps]): unknown {
    const style = (part.element as HTMLElement).style;
    const next = new Set<string>();
    for (const [name, value] of Object.entries(props)) {
      if (value === null || value === undefined) continue;
      const property = name.startsWith('--') ? name : name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
      next.add(property);
      style.setProperty(property, String(value));
    }
    for (const property of this.previous) if (!next.has(property)) style.removeProperty(property);
    this.previous = next;
    return noChange;
  }
}

export const cssProps = directive(CssPropsDirective);
