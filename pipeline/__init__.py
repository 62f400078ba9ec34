"""Pipeline stages: files → pages of positioned words → table rows → meetings → entities."""
