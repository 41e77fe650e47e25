// What a node takes from the reviews channel: another node's announcement of one review id, nothing else
// (its own, malformed ones, ids that are not ids). The review itself is always read from the database.
import { describe, expect, it } from 'vitest';
import { parseReviewAnnouncement } from './review-fanout.js';

describe('review announcements', () => {
  it('takes another node’s review id', () => {
    expect(parseReviewAnnouncement('{"node":"n2","reviewId":"5f0c2b1e-8a1d-4c39-9d7e-0c6a1b2c3d4e"}', 'n1')).toBe('5f0c2b1e-8a1d-4c39-9d7e-0c6a1b2c3d4e');
  });

  it('ignores its own, and anything malformed', () => {
    expect(parseReviewAnnouncement('{"node":"n1","reviewId":"r1"}', 'n1')).toBeNull();
    for (const text of ['', 'null', '{}', 'nope', '{"node":"n2"}', '{"node":"n2","reviewId":7}', '{"node":"n2","reviewId":""}', '{"node":"n2","reviewId":"a b"}', `{"node":"n2","reviewId":"${'r'.repeat(129)}"}`]) {
      expect(parseReviewAnnouncement(text, 'n1'), text).toBeNull();
    }
  });
});
