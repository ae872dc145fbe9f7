"""The `briefing` commands: parse arguments, call the pipeline, print problems."""
