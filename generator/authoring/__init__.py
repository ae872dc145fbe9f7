"""For contributors: a new record's skeleton, a preview of a few records, the JSON Schema."""
