"""Cross-document linking: events and stories, built after documents are stored."""
