"""Step 5 of the flow: findings → what people read (text, Dutch by default) and what
programs read (the JSON result of report-contract.md)."""
