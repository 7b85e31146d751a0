"""Tools for people who write rules and filings: an XBRL instance writer and the runner of
the cases every rule file documents."""
