import { Type } from 'typebox';
import { FriendSummary } from './friends.ts';

/** The condition is parsed with shared's condition schema on the server. */
export const SegmentBody = Type.Object({ condition: Type.Unknown() }, { additionalProperties: false });
export const SegmentCountResponse = Type.Object({ count: Type.Integer() });
export const SegmentSampleResponse = Type.Object({ friends: Type.Array(FriendSummary) });
