// What a node accepts from the revocations channel: only an announcement naming one scope, by a string id;
// anything else (a stranger's message, a malformed one, one asking for more than one scope) is ignored.
import { describe, expect, it } from 'vitest';
import { parseAnnouncement } from './revocations.js';

describe('revocation announcements', () => {
  it('reads each scope', () => {
    expect(parseAnnouncement('{"node":"n1","scope":{"principalId":"u1"}}')).toEqual({ node: 'n1', scope: { principalId: 'u1' } });
    expect(parseAnnouncement('{"node":"n1","scope":{"sessionIdHash":"h"}}')).toEqual({ node: 'n1', scope: { sessionIdHash: 'h' } });
    expect(parseAnnouncement('{"node":"n1","scope":{"chronologyId":"c"}}')).toEqual({ node: 'n1', scope: { chronologyId: 'c' } });
  });

  it('ignores anything else', () => {
    for (const text of ['', 'null', '[]', 'not json', '{"scope":{"principalId":"u1"}}', '{"node":"n1"}', '{"node":"n1","scope":{}}', '{"node":"n1","scope":{"principalId":"u1","chronologyId":"c"}}', '{"node":"n1","scope":{"principalId":7}}', '{"node":"n1","scope":{"principalId":""}}', '{"node":"n1","scope":{"everyone":"yes"}}', `{"node":"n1","scope":{"principalId":"${'x'.repeat(201)}"}}`]) {
      expect(parseAnnouncement(text), text).toBeNull();
    }
  });
});
