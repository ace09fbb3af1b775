/**
 * A friend waiting in a scenario for their reply: a run parked at a wait-for-event node (its state
 * names the event it waits for; a send waiting only for the friend's LINE profile does not count).
 * A boolean SQL expression over the friend row `f`, for broadcasts that leave such friends out.
 */
export const WAITING_FOR_REPLY_SQL = `exists (select 1 from runs wr where wr.friend_id = f.id and wr.status = 'waiting'
  and wr.state->'waitingFor'->>'event' is not null and wr.state->'waitingFor'->>'event' <> 'profile')`;
