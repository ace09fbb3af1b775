-- A follow writes its friend row, then the profile LINE answers (a display name and a picture URL of
-- about 140 bytes, which doubles the row). With 80 % of each page filled, most of those updates found
-- no room on the page and wrote the row anew, with an entry in every index of friends: at 10,000
-- follows in the ingest bench (names, no pictures) 77 % of them, for a batch of profiles with
-- pictures 86 % (test/db/friend-row-room.test.ts). Half-full pages keep 96 % and 51 % of them, and a
-- friend's later fields and reactions, in place (HOT). Applies to pages written from now on.
ALTER TABLE friends SET (fillfactor = 50);
--> statement-breakpoint
-- Answered as well by friends_workspace_registered, which starts with the workspace.
DROP INDEX "friends_workspace";
