"""What the HTML report shows, read from the store."""
