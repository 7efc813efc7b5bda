"""The retention rules: for each kind of record in dataprotection.retention, a query for the
records due ("due on or before day D", with the day each falls due) and the action taken on
them. Grouped by the app that owns the records; each action changes only what its kind's row in
the table says, and keeps what the figures need (amounts, dates, statuses)."""
