// fast-check arbitraries for the REST fuzzer, built from the server's own OpenAPI document: the list of
// routes, their path and query parameters and their request bodies (JSON Schema from zod). Bodies are a
// mix of arbitrary JSON, near-valid bodies (the schema's shape with some values broken, keys dropped or
// added) and raw text that is not JSON at all.

import fc from 'fast-check';

type JsonSchema = Record<string, any>;

export interface RouteParam {
  name: string;
  in: 'path' | 'query';
  schema: JsonSchema;
}

export interface Route {
  method: string;
  /** OpenAPI path template, e.g. /api/chronologies/{id}/entries */
  path: string;
  params: RouteParam[];
  body: { contentType: string; schema: JsonSchema } | null;
}

export function routesOf(openapi: any): Route[] {
  const routes: Route[] = [];
  for (const [path, ops] of Object.entries<any>(openapi.paths)) {
    for (const [method, op] of Object.entries<any>(ops)) {
      if (!['get', 'post', 'put', 'patch', 'delete'].includes(method)) continue;
      const content = op.requestBody?.content as Record<string, { schema: JsonSchema }> | undefined;
      const [contentType, media] = content ? Object.entries(content)[0]! : [null, null];
      routes.push({
        method: method.toUpperCase(),
        path,
        params: (op.parameters ?? []).filter((p: any) => p.in === 'path' || p.in === 'query').map((p: any) => ({ name: p.name, in: p.in, schema: p.schema ?? {} })),
        body: contentType && media ? { contentType, schema: resolve(openapi, media.schema) } : null,
      });
    }
  }
  return routes;
}

function resolve(openapi: any, schema: JsonSchema): JsonSchema {
  if (schema && typeof schema.$ref === 'string') {
    const name = schema.$ref.replace('#/components/schemas/', '');
    return resolve(openapi, openapi.components.schemas[name]);
  }
  if (!schema || typeof schema !== 'object') return schema;
  const out: JsonSchema = { ...schema };
  if (out.properties) out.properties = Object.fromEntries(Object.entries<JsonSchema>(out.properties).map(([k, v]) => [k, resolve(openapi, v)]));
  if (out.items) out.items = resolve(openapi, out.items);
  for (const key of ['anyOf', 'oneOf', 'allOf']) if (Array.isArray(out[key])) out[key] = out[key].map((s: JsonSchema) => resolve(openapi, s));
  return out;
}

// ---------------------------------------------------------------------------------------------
// Values

/** Strings that tend to break things: empty, blank, control characters, markup, huge, odd Unicode. */
export const nastyString: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('', ' ', '\u0000', '\n', 'null', 'undefined', 'NaN', '<script>alert(1)</script>', "'; drop table entries; --", '%', '%00', '..', '../../etc/passwd', '\ud800', '👶', 'ǅ', '\u202e', 'a'.repeat(201), 'x'.repeat(10_001), '__proto__', 'constructor', '2023-02-30', '05/04/2023', '9999-99-99', '?2023..2022', 'true', '-1', '1e400'),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 30 }),
  fc.string({ unit: 'binary', maxLength: 30 }),
);

/** Plausible values for a field, by its name: the near-valid bodies need some to get past the first check. */
function plausible(name: string, pools: ValuePools): fc.Arbitrary<unknown> | null {
  const n = name.toLowerCase();
  if (n.includes('date') || n === 'from' || n === 'to' || n === 'asof') return fc.constantFrom('2023-04-05', '05/04/2023', '2023-04', '2023', '?2023-04-05', '2021-03..2022-01', '2025-03-12');
  if (n === 'time') return fc.constantFrom('', '09:30', '9:05', '23:59');
  if (n === 'category') return fc.constantFrom(...pools.categories);
  if (n === 'agency' || n === 'agencies' || n === 'memberagencies') return fc.constantFrom(...pools.agencies);
  if (n.includes('email')) return fc.oneof(fc.emailAddress(), fc.constantFrom('police@tvp.example.org', 'new.person@mac.example.org'));
  if (n.includes('password')) return fc.constantFrom('wrong-password-123', 'a perfectly fine passphrase 42', 'password', 'short');
  if (n === 'nhsnumber') return fc.constantFrom('9990431272', '9995120682', '123', '0000000000');
  if (n === 'role') return fc.constantFrom('practitioner', 'dsl', 'lead', 'admin', 'root');
  if (n === 'summary' || n === 'reason' || n === 'note' || n === 'name' || n.endsWith('name')) return fc.constantFrom('Fuzzed summary', 'Seen at home', 'Duplicate entry', 'A reason');
  return null;
}

export interface ValuePools {
  categories: string[];
  agencies: string[];
}

export function arbFromSchema(schema: JsonSchema, name: string, pools: ValuePools, depth: number): fc.Arbitrary<unknown> {
  const broken = fc.oneof(fc.jsonValue({ maxDepth: 2 }), nastyString);
  if (!schema || depth > 4) return broken;
  const variants = ['anyOf', 'oneOf'].flatMap((k) => (Array.isArray(schema[k]) ? schema[k] : []));
  if (variants.length) return fc.oneof(...variants.map((s: JsonSchema) => arbFromSchema(s, name, pools, depth + 1)));
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  const good = (() => {
    if (Array.isArray(schema.enum)) return fc.constantFrom(...schema.enum);
    switch (type) {
      case 'string': {
        const p = plausible(name, pools);
        const max = typeof schema.maxLength === 'number' ? schema.maxLength : 300;
        const edge = fc.constantFrom('', 'x'.repeat(Math.max(1, max)), 'x'.repeat(max + 1));
        const random = fc.string({ maxLength: Math.min(max, 60) });
        return p ? fc.oneof({ arbitrary: p, weight: 4 }, { arbitrary: random, weight: 2 }, { arbitrary: edge, weight: 1 }) : fc.oneof({ arbitrary: random, weight: 3 }, { arbitrary: edge, weight: 1 });
      }
      case 'boolean':
        return fc.boolean();
      case 'integer':
      case 'number':
        return fc.oneof(fc.integer(), fc.double(), fc.constantFrom(0, -1, 2 ** 53, 1e308));
      case 'array': {
        const item = arbFromSchema(schema.items ?? {}, name, pools, depth + 1);
        return fc.array(item, { maxLength: Math.min(schema.maxItems ?? 5, 5) + 1 });
      }
      case 'object':
        return objectFromSchema(schema, pools, depth);
      default:
        return broken;
    }
  })();
  return fc.oneof({ arbitrary: good, weight: 6 }, { arbitrary: broken, weight: 1 });
}

export function objectFromSchema(schema: JsonSchema, pools: ValuePools, depth: number): fc.Arbitrary<Record<string, unknown>> {
  const props = Object.entries<JsonSchema>(schema.properties ?? {});
  const required = new Set<string>(schema.required ?? []);
  const model: Record<string, fc.Arbitrary<unknown>> = {};
  for (const [key, s] of props) model[key] = arbFromSchema(s, key, pools, depth + 1);
  const keys = props.map(([k]) => k);
  const base =
    keys.length === 0
      ? fc.dictionary(fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('__proto__', 'constructor', 'rules', 'enabled')), fc.jsonValue({ maxDepth: 3 }), { maxKeys: 6 })
      : fc.record(model, { requiredKeys: keys.filter((k) => required.has(k)) });
  // Sometimes a required key goes missing, sometimes keys nobody asked for come along.
  return fc.tuple(base, fc.option(fc.constantFrom(...(keys.length ? keys : ['x'])), { nil: null }), fc.dictionary(fc.oneof(fc.string({ maxLength: 10 }), fc.constantFrom('__proto__', 'id', 'agency', 'authorId', 'status', 'restricted', 'role')), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 3 }), fc.boolean()).map(([obj, drop, extra, addExtra]) => {
    const out: Record<string, unknown> = { ...obj };
    if (drop !== null) delete out[drop];
    if (addExtra) for (const [k, v] of Object.entries(extra)) Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true });
    return out;
  });
}

/** Bodies that should often be valid: every required key, plausible values, nothing extra. */
export function validishFromSchema(schema: JsonSchema, pools: ValuePools, name = '', depth = 0): fc.Arbitrary<unknown> {
  if (!schema || depth > 4) return fc.constant(null);
  if (Array.isArray(schema.enum)) return fc.constantFrom(...schema.enum);
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case 'object': {
      const props = Object.entries<JsonSchema>(schema.properties ?? {});
      const required = new Set<string>(schema.required ?? []);
      const model: Record<string, fc.Arbitrary<unknown>> = {};
      for (const [key, s] of props) model[key] = validishFromSchema(s, pools, key, depth + 1);
      return fc.record(model, { requiredKeys: props.map(([k]) => k).filter((k) => required.has(k)) });
    }
    case 'array':
      return fc.array(validishFromSchema(schema.items ?? {}, pools, name, depth + 1), { minLength: Math.max(1, schema.minItems ?? 0), maxLength: 3 });
    case 'boolean':
      return fc.boolean();
    case 'integer':
    case 'number':
      return fc.integer({ min: 0, max: 100 });
    case 'string': {
      const p = plausible(name, pools);
      const max = typeof schema.maxLength === 'number' ? schema.maxLength : 60;
      return p ?? fc.string({ minLength: Math.max(1, schema.minLength ?? 1), maxLength: Math.max(1, Math.min(max, 40)) });
    }
    default:
      return fc.constant(null);
  }
}

// ---------------------------------------------------------------------------------------------
// Whole bodies

export interface RawBody {
  /** undefined: no body at all */
  body: string | Uint8Array | undefined;
  contentType: string | null;
  label: string;
}

const JSON_TYPES = ['application/json', 'application/json; charset=utf-8', 'APPLICATION/JSON', 'application/json; charset=utf-16', 'application/json; charset=latin1', 'application/vnd.api+json'];
const OTHER_TYPES = ['text/plain', 'text/csv', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=xyz', 'application/octet-stream', '', 'application/xml'];

/** Text that is not (quite) JSON, or JSON that is hostile in shape rather than content. */
export const BROKEN_BODIES: Array<[string, string | Uint8Array]> = [
  ['empty', ''],
  ['open brace', '{'],
  ['cut off', '{"summary": "abc'],
  ['trailing comma', '{"a": 1,}'],
  ['single quotes', "{'a': 1}"],
  ['nul', 'nul'],
  ['bare string', '"just a string"'],
  ['number', '42'],
  ['null', 'null'],
  ['array', '[1, 2, 3]'],
  ['BOM then JSON', '\ufeff{"reason": "x"}'],
  ['duplicate keys', '{"reason": "a", "reason": "b", "status": "reviewed", "status": "x"}'],
  ['huge number', '{"summary": 1e400, "date": -0}'],
  ['proto pollution', '{"__proto__": {"polluted": true, "isAdmin": true}, "constructor": {"prototype": {"polluted": true}}, "reason": "x"}'],
  ['deep nesting', '['.repeat(50_000) + ']'.repeat(50_000)],
  ['deep object', '{"a":'.repeat(20_000) + '1' + '}'.repeat(20_000)],
  ['invalid UTF-8', new Uint8Array([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xc3, 0x28, 0xff, 0x22, 0x7d])],
  ['NUL bytes', '{"summary": "a\u0000b", "date": "2023-01-01\u0000", "category": "x"}'],
  ['lone surrogate escape', '{"summary": "\\ud800", "reason": "\\udfff"}'],
  ['900 KB string', JSON.stringify({ summary: 'x'.repeat(900 * 1024), reason: 'x', date: '2023-01-01', category: 'x' })],
  ['1.5 MB body', JSON.stringify({ detail: 'y'.repeat(1536 * 1024) })],
  ['many keys', JSON.stringify(Object.fromEntries(Array.from({ length: 20_000 }, (_, i) => [`k${i}`, i])))],
  ['long array', JSON.stringify({ memberAgencies: Array.from({ length: 100_000 }, () => 'thames-valley-police'), agencies: Array.from({ length: 50_000 }, (_, i) => `a${i}`) })],
  ['form encoded', 'summary=abc&date=2023-01-01'],
  ['csv', 'date,category,summary\n2023-01-01,police-attendance,hello\n'],
];

/** Bodies for a route: arbitrary JSON, near-valid JSON from its schema, or broken text under any content type. */
export function arbBody(route: Route, pools: ValuePools, csvSeed: string): fc.Arbitrary<RawBody> {
  const jsonType = fc.oneof({ arbitrary: fc.constant('application/json'), weight: 8 }, { arbitrary: fc.constantFrom(...JSON_TYPES, ...OTHER_TYPES), weight: 1 });
  const anyType = fc.constantFrom(...JSON_TYPES, ...OTHER_TYPES);
  const json = (arb: fc.Arbitrary<unknown>, label: string) => fc.tuple(arb, jsonType).map(([v, ct]): RawBody => ({ body: JSON.stringify(v) ?? 'null', contentType: ct, label }));
  const broken = fc.tuple(fc.constantFrom(...BROKEN_BODIES), anyType).map(([[label, body], ct]): RawBody => ({ body, contentType: ct, label: `broken: ${label}` }));
  const none = fc.constant<RawBody>({ body: undefined, contentType: null, label: 'no body' });
  if (route.body?.contentType === 'text/csv') {
    const csv = fc.oneof(
      fc.string({ maxLength: 300 }),
      fc.tuple(fc.nat({ max: Math.max(0, csvSeed.length - 1) }), fc.nat({ max: 200 }), nastyString).map(([at, cut, s]) => csvSeed.slice(0, at) + s + csvSeed.slice(at + cut)),
      fc.constantFrom(csvSeed, csvSeed.split('\n')[0] ?? '', '\ufeff' + csvSeed, csvSeed.replace(/,/g, ';'), '"unterminated,quote\n', 'a,b\n' + 'x,'.repeat(100_000)),
    );
    return fc.oneof(
      { arbitrary: fc.tuple(csv, fc.constantFrom('text/csv', 'text/csv; charset=utf-8', 'text/plain', 'application/json')).map(([body, ct]): RawBody => ({ body, contentType: ct, label: 'csv' })), weight: 6 },
      { arbitrary: broken, weight: 1 },
      { arbitrary: none, weight: 1 },
    );
  }
  const schemaArb = route.body ? objectFromSchema(route.body.schema, pools, 0) : fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 });
  return fc.oneof(
    { arbitrary: json(schemaArb, 'near-valid'), weight: 4 },
    { arbitrary: json(route.body ? validishFromSchema(route.body.schema, pools) : fc.constant({}), 'valid-ish'), weight: 3 },
    { arbitrary: json(fc.jsonValue({ maxDepth: 4 }), 'arbitrary JSON'), weight: 2 },
    { arbitrary: broken, weight: 2 },
    { arbitrary: none, weight: 1 },
  );
}

// ---------------------------------------------------------------------------------------------
// Paths and query strings

/** A path parameter: a real id from the pools (so that requests get past the 404), or junk, raw or encoded. */
export function arbPathValue(pool: string[]): fc.Arbitrary<string> {
  const junk = fc.oneof(
    fc.uuid().map(String),
    fc.string({ maxLength: 40 }).map((s) => encodeURIComponent(s)),
    fc.string({ unit: 'grapheme', maxLength: 20 }).map((s) => encodeURIComponent(s)),
    fc.constantFrom('%E0%A4%A', '%', '%ZZ', '%00', '%2F', '..', '.', '%2e%2e', 'null', 'undefined', '0', '-1', 'a'.repeat(300), encodeURIComponent('x'.repeat(5000)), '00000000-0000-0000-0000-000000000000', 'FE2074EF-C14D-49CF-83D6-5ED7408C1181'),
  );
  return pool.length ? fc.oneof({ arbitrary: fc.constantFrom(...pool), weight: 3 }, { arbitrary: junk, weight: 2 }) : junk;
}

export function arbQuery(route: Route): fc.Arbitrary<string> {
  const declared = route.params.filter((p) => p.in === 'query');
  const value = (p: RouteParam | null) =>
    fc.oneof(p && Array.isArray(p.schema.enum) ? fc.constantFrom(...p.schema.enum.map(String)) : fc.constant('1'), fc.string({ maxLength: 30 }).map(encodeURIComponent), fc.constantFrom('%', '%E0%A4%A', '', '2023-02-30', 'true', '-1', 'x'.repeat(400), '%00'));
  const pair = fc.oneof(
    ...declared.map((p) => value(p).map((v) => `${p.name}=${v}`)),
    fc.tuple(fc.string({ maxLength: 10 }).map(encodeURIComponent), value(null)).map(([k, v]) => `${k}=${v}`),
    fc.constantFrom('=', '&&', '%=%', '__proto__[polluted]=1', 'constructor[prototype][polluted]=1', 'a[]=1&a[]=2'),
  );
  return fc.oneof({ arbitrary: fc.constant(''), weight: 2 }, { arbitrary: fc.array(pair, { maxLength: 5 }).map((pairs) => (pairs.length ? `?${pairs.join('&')}` : '')), weight: 3 });
}
