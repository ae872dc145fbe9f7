"""Publish: build the HTML with the engine, index it, audit it and swap it into `site/`."""
