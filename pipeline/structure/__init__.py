"""Structure: table rows and text blocks → the meeting, its items and their entries."""
