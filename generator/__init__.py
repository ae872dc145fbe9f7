"""Briefing Archive: validates briefing records and turns them into a themed MkDocs site."""
