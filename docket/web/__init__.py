"""docket's web page: Datasette over the store, with docket's metadata,
views, canned queries and a small plugin for changing an item's status
after logging in. Needs the `serve` extra (Datasette and
datasette-auth-passwords); the rest of docket runs without it."""
