// Vitest 5 reports failures with Map.groupBy / Object.groupBy, which Node 20 lacks (they arrived in
// Node 21): without these a failing test crashes the reporter instead of saying what failed.
if (typeof Map.groupBy !== 'function') {
  Map.groupBy = function groupBy(items, keyFn) {
    const map = new Map();
    let i = 0;
    for (const item of items) {
      const key = keyFn(item, i++);
      const list = map.get(key);
      if (list) list.push(item);
      else map.set(key, [item]);
    }
    return map;
  };
}
if (typeof Object.groupBy !== 'function') {
  Object.groupBy = function groupBy(items, keyFn) {
    const out = Object.create(null);
    let i = 0;
    for (const item of items) {
      const key = keyFn(item, i++);
      (out[key] ??= []).push(item);
    }
    return out;
  };
}
