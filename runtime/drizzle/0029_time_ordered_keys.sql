-- Outbox rows keyed by UUID version 7 (time first, PostgreSQL 18's uuidv7()): a step's rows append to the
-- key's index instead of landing on random pages. Runs get theirs from the interpreter (store/ids.ts).
ALTER TABLE "sends" ALTER COLUMN "id" SET DEFAULT uuidv7();