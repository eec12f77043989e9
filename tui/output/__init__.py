"""Text, Markdown and JSON views of the core, for the CLI and the quotation."""
