// Tiny DOM helpers. Text always goes in through textContent: nothing here parses HTML,
// so text a person typed can never become markup or script.

/**
 * Creates an element. `props` keys: `class`, `text`, `on` ({event: handler}),
 * `dataset`, `attrs` ({name: value}); anything else is set as a property.
 * Children may be nodes, strings (added as text) or null/false (skipped).
 */
export function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'class') node.className = value;
    else if (key === 'text') node.textContent = value;
    else if (key === 'on') for (const [ev, fn] of Object.entries(value)) node.addEventListener(ev, fn);
    else if (key === 'dataset') Object.assign(node.dataset, value);
    else if (key === 'attrs') for (const [name, v] of Object.entries(value)) node.setAttribute(name, v);
    else node[key] = value;
  }
  append(node, children);
  return node;
}

/** Appends nodes and strings (as text nodes), skipping null/false. */
export function append(parent, children) {
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    parent.append(typeof child === 'string' ? document.createTextNode(child) : child);
  }
  return parent;
}

/** Creates an SVG element (charts are built from nodes, never from markup strings). */
export function svg(tag, attrs = {}, ...children) {
  const node = document.createElementNS('http://www.w3.org/2000/svg', tag);
  for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, value);
  return append(node, children);
}

/** Removes every child of `node`. */
export function clear(node) {
  node.replaceChildren();
  return node;
}

let uid = 0;
/** A page-unique id for label/for and aria pairs. */
export function uniqueId(prefix = 'id') {
  uid += 1;
  return `${prefix}-${uid}`;
}
