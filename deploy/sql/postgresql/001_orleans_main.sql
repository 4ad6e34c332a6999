-- Kring on PostgreSQL: the table Orleans' ADO.NET providers read their query texts from.
-- Every provider runs "SELECT QueryKey, QueryText FROM OrleansQuery" once at start and then only the texts stored
-- here, binding parameters (@Name) and reading result columns by name. Unquoted identifiers fold to lower case,
-- which that fixed statement matches; our own tables use snake_case and alias their result columns to the names
-- the providers expect.
-- Scripts in this folder run once each, in order, through Kring.Silo's PostgresSchema (recorded in kring_schema),
-- so they create objects plainly; a later change goes in a new numbered script.

CREATE TABLE orleansquery
(
    querykey  text NOT NULL PRIMARY KEY,
    querytext text NOT NULL
);
