-- Kring grain storage for SQLite, written against the query contract of Orleans' ADO.NET grain storage:
-- the provider reads the query texts from OrleansQuery by key and binds parameters and columns by name.
-- Parameters: @GrainIdHash, @GrainIdN0, @GrainIdN1, @GrainTypeHash, @GrainTypeString, @GrainIdExtensionString,
--             @ServiceId, @PayloadBinary, @GrainStateVersion.
-- Results: ReadFromStorageKey returns (PayloadBinary, Version); the writing queries return NewGrainStateVersion,
--          one row on success and none on a version conflict.

CREATE TABLE IF NOT EXISTS OrleansQuery
(
    QueryKey  TEXT NOT NULL PRIMARY KEY,
    QueryText TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS OrleansStorage
(
    ServiceId              TEXT    NOT NULL,
    GrainTypeString        TEXT    NOT NULL,
    GrainIdN0              INTEGER NOT NULL,
    GrainIdN1              INTEGER NOT NULL,
    -- String grain keys live here; '' stands for "no extension" so the key can be unique.
    GrainIdExtension       TEXT    NOT NULL,
    GrainIdHash            INTEGER NOT NULL,
    GrainTypeHash          INTEGER NOT NULL,
    PayloadBinary          BLOB    NULL,
    ModifiedOn             TEXT    NOT NULL,
    Version                INTEGER NOT NULL,
    PRIMARY KEY (ServiceId, GrainTypeString, GrainIdN0, GrainIdN1, GrainIdExtension)
) WITHOUT ROWID;

INSERT OR REPLACE INTO OrleansQuery (QueryKey, QueryText) VALUES ('ReadFromStorageKey', '
SELECT PayloadBinary, Version
FROM OrleansStorage
WHERE ServiceId = @ServiceId AND GrainTypeString = @GrainTypeString
  AND GrainIdN0 = @GrainIdN0 AND GrainIdN1 = @GrainIdN1
  AND GrainIdExtension = IFNULL(@GrainIdExtensionString, '''');
');

-- Either the update matches the expected version, or (for a first write, without a version) the insert adds the
-- row; at most one of the two statements changes anything and returns the new version.
INSERT OR REPLACE INTO OrleansQuery (QueryKey, QueryText) VALUES ('WriteToStorageKey', '
UPDATE OrleansStorage
SET PayloadBinary = @PayloadBinary, ModifiedOn = strftime(''%Y-%m-%dT%H:%M:%fZ'', ''now''), Version = Version + 1
WHERE ServiceId = @ServiceId AND GrainTypeString = @GrainTypeString
  AND GrainIdN0 = @GrainIdN0 AND GrainIdN1 = @GrainIdN1
  AND GrainIdExtension = IFNULL(@GrainIdExtensionString, '''')
  AND @GrainStateVersion IS NOT NULL AND Version = @GrainStateVersion
RETURNING Version AS NewGrainStateVersion;

INSERT INTO OrleansStorage (ServiceId, GrainTypeString, GrainIdN0, GrainIdN1, GrainIdExtension, GrainIdHash, GrainTypeHash, PayloadBinary, ModifiedOn, Version)
SELECT @ServiceId, @GrainTypeString, @GrainIdN0, @GrainIdN1, IFNULL(@GrainIdExtensionString, ''''), @GrainIdHash, @GrainTypeHash, @PayloadBinary, strftime(''%Y-%m-%dT%H:%M:%fZ'', ''now''), 1
WHERE @GrainStateVersion IS NULL
ON CONFLICT DO NOTHING
RETURNING Version AS NewGrainStateVersion;
');

INSERT OR REPLACE INTO OrleansQuery (QueryKey, QueryText) VALUES ('ClearStorageKey', '
UPDATE OrleansStorage
SET PayloadBinary = NULL, ModifiedOn = strftime(''%Y-%m-%dT%H:%M:%fZ'', ''now''), Version = Version + 1
WHERE ServiceId = @ServiceId AND GrainTypeString = @GrainTypeString
  AND GrainIdN0 = @GrainIdN0 AND GrainIdN1 = @GrainIdN1
  AND GrainIdExtension = IFNULL(@GrainIdExtensionString, '''')
  AND Version = @GrainStateVersion
RETURNING Version AS NewGrainStateVersion;
');
