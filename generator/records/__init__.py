"""Records: read each file in `content/`, parse its front-matter with lines, validate it, cache it."""
