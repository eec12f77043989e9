"""The Textual browser: the app, its panes, screens, palette commands and styles."""
