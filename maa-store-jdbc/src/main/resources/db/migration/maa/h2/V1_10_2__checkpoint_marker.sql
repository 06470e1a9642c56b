-- One row the H2 file's flush changes before its CHECKPOINT SYNC, so that H2 stores the file itself and waits for
-- the write, rather than return while a store it started on its own is still being written (Db.checkpointSync).
CREATE TABLE maa_h2_checkpoint (
    id          INT    NOT NULL PRIMARY KEY CHECK (id = 1),
    checkpoints BIGINT NOT NULL
);
INSERT INTO maa_h2_checkpoint (id, checkpoints) VALUES (1, 0);
