"""Checking that every briefing's source still leads somewhere (`briefing sources`)."""
